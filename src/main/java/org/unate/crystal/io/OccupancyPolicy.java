package org.unate.crystal.io;

/**
 * What a reader does with a site that is not one fully occupied species: a row with occupancy below 1 (a vacancy
 * fraction), or several species sharing one position (substitutional disorder).
 *
 * <p>A structure in this library is ordered: every site is one element. Disorder therefore has to be either refused,
 * reduced, or the structure dropped; the choice is the caller's and never made silently.
 */
public enum OccupancyPolicy {
    /** Refuse the structure with a {@link CrystalParseException.Reason#PARTIAL_OCCUPANCY} error naming the site. */
    ERROR,
    /**
     * At each position keep the species with the largest occupancy (the first in file order on a tie) as a fully
     * occupied site, and drop the others. A lone row with occupancy below 1 becomes fully occupied.
     */
    MAJORITY,
    /** Drop the whole structure with {@link CrystalParseException.Reason#SKIPPED_BY_POLICY}; datasets count it. */
    SKIP
}
