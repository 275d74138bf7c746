package org.unate.crystal.io;

/** Dataset layouts {@link CrystalDataset#open} reads. */
public enum DatasetFormat {
    /** One JSON object per line (optionally gzip'd), a CIF string (or structure dict) field and label fields. */
    JSON_LINES,
    /** CGCNN folder: {@code id_prop.csv} ({@code id,label}) and one {@code <id>.cif} per row. */
    CGCNN_FOLDER,
    /** The official JARVIS {@code dft_3d} list: a JSON array of objects with {@code jid} and {@code atoms}; may be in
     * a .zip or .gz. */
    JARVIS_JSON,
    /** A folder of structure files (CIF, POSCAR, JSON, extended XYZ) without labels: one record per file. */
    STRUCTURE_FOLDER
}
