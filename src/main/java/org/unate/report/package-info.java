/**
 * Reports: Tablesaw tables and XChart figures. {@link org.unate.report.PaperReport} builds every table and figure of
 * the study from result files only ({@link org.unate.report.ResultsFolder}: records with their histories and test
 * predictions, pretraining histories, element tables) and writes them as Markdown and CSV, PNG and SVG, byte-stable
 * (the bundled {@link org.unate.report.ReportFonts}, fixed sizes and seeds, {@code Locale.ROOT}); the tables of
 * records and comparisons ({@link org.unate.report.RecordTables}) and of sweeps ({@link org.unate.report.SweepReport})
 * live here too, so that {@code experiment} and {@code eval} hold no table code. Also the small tables of library
 * objects the notebooks show, and the {@link org.unate.report.Scale} notebooks run at.
 */
package org.unate.report;
