/**
 * Datasets and files: the catalogue in {@code data/datasets.json}, fetching from a mirror or the official source with
 * checksum and record-count checks, the project's folder layout, and atomic file writes ({@link
 * org.unate.data.AtomicFiles}) that every package writing results, splits, tables or predictions uses.
 */
package org.unate.data;
