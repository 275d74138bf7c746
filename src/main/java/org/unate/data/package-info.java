/**
 * Datasets and files: the catalogue in {@code data/datasets.json}, fetching from a mirror or the official source with
 * checksum and record-count checks, the project's folder layout, and atomic file writes ({@link
 * org.unate.data.AtomicFiles}) that every package writing results, splits, tables or predictions uses; and where
 * progress output goes: whether standard error is a terminal ({@link org.unate.data.Terminal}, so every progress bar
 * of the project draws a bar there and writes plain lines to a file or pipe) and plain progress lines of a count
 * ({@link org.unate.data.ProgressLines}).
 */
package org.unate.data;
