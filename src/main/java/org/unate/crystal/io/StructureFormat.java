package org.unate.crystal.io;

/** The single-structure file formats {@link StructureReader} reads. */
public enum StructureFormat {
    /** CIF 1.1 ({@link CifReader}). */
    CIF,
    /** VASP POSCAR/CONTCAR ({@link PoscarReader}). */
    POSCAR,
    /** pymatgen {@code Structure.as_dict()} JSON or a JARVIS {@code atoms} dict ({@link JsonStructureReader}). */
    JSON,
    /** Extended XYZ with a Lattice ({@link ExtXyzReader}). */
    EXTXYZ
}
