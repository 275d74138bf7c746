/**
 * Reading crystal structures and datasets, loudly: every bad input ends in a
 * {@link org.unate.crystal.io.CrystalParseException} that names the file or dataset, the record, the line and what was
 * expected; nothing is snapped, wrapped or reordered without being documented.
 *
 * <h2>Single structures</h2>
 * <ul>
 * <li>{@link org.unate.crystal.io.StructureReader#read(java.nio.file.Path)}: one entry point, picks the format by
 *     file name and content;</li>
 * <li>{@link org.unate.crystal.io.CifReader} (CIF 1.1, symmetry expansion of listed operators, occupancy policy),
 *     {@link org.unate.crystal.io.PoscarReader} (VASP 4/5), {@link org.unate.crystal.io.JsonStructureReader}
 *     (pymatgen {@code Structure.as_dict()}, JARVIS {@code atoms}), {@link org.unate.crystal.io.ExtXyzReader};</li>
 * <li>{@link org.unate.crystal.io.ReadOptions}: occupancy policy ({@link org.unate.crystal.io.OccupancyPolicy}),
 *     merge tolerance (1e-3 fractional, periodic), occupancy tolerance.</li>
 * </ul>
 *
 * <h2>Datasets</h2>
 * {@link org.unate.crystal.io.CrystalDataset#open(java.nio.file.Path, org.unate.crystal.io.DatasetOptions)} streams
 * {@link org.unate.crystal.CrystalRecord}s from JSON Lines (the shared JARVIS file), a CGCNN folder, or the official
 * JARVIS {@code dft_3d} JSON list (plain, .gz or .zip), in file order, optionally on several threads, with a
 * {@link org.unate.crystal.io.ReadReport} of what was read and skipped. {@link org.unate.crystal.io.ReadDatasetMain}
 * reads a dataset from the command line and prints the report.
 *
 * <h2>Element symbols in labels</h2>
 * Where a CIF names atoms by label ({@code Fe1}, {@code Al3+}, {@code O2-}, {@code FE1}, {@code Wat5}), the element
 * is read from the leading letters by the CIF dictionary's rule, and every reading by another convention (capitals,
 * water codes, letters after the symbol) comes with a {@link org.unate.crystal.io.ReadWarning} (rules in
 * {@code SiteLabels}). Species names in JSON and extended XYZ must be exact symbols, optionally with a charge
 * ({@code Fe2+}).
 *
 * <h2>Warnings</h2>
 * A structure that is not exactly what the file says (an occupancy policy changed its composition) or was read by a
 * choice (a label convention, operators built from a space-group name) is reported as a
 * {@link org.unate.crystal.io.ReadWarning}: to the caller's {@code Consumer}, to the dataset's report, or to the
 * {@code org.unate.crystal.io} logger.
 *
 * <p>The formats and every policy, with examples, are described in {@code docs/formats.md}.
 */
package org.unate.crystal.io;
