/**
 * Datasets: the catalogue in {@code data/datasets.json}, fetching from a mirror or the official source with checksum
 * and record-count checks, and the project's folder layout.
 */
package org.unate.data;
