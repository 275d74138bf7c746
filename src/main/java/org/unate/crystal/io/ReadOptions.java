package org.unate.crystal.io;

import java.util.Objects;

/**
 * Policies shared by the structure readers.
 *
 * @param occupancy          what to do with partially occupied or shared sites (default {@link OccupancyPolicy#ERROR})
 * @param mergeTolerance     two symmetry images (CIF) or sites are the same position when every fractional component
 *                           differs by less than this modulo 1 (periodic wrapping); default {@value #DEFAULT_MERGE_TOLERANCE}
 *                           (dimensionless fraction of the lattice vector: 0.005 A on a 5 A axis)
 * @param occupancyTolerance an occupancy within this of 1 counts as full, and occupancies at one position may add up
 *                           to at most 1 + this; default {@value #DEFAULT_OCCUPANCY_TOLERANCE}
 */
public record ReadOptions(OccupancyPolicy occupancy, double mergeTolerance, double occupancyTolerance) {
    public static final double DEFAULT_MERGE_TOLERANCE = 1e-3;
    public static final double DEFAULT_OCCUPANCY_TOLERANCE = 1e-3;

    /** Occupancy ERROR, merge tolerance 1e-3, occupancy tolerance 1e-3. */
    public static final ReadOptions DEFAULT =
            new ReadOptions(OccupancyPolicy.ERROR, DEFAULT_MERGE_TOLERANCE, DEFAULT_OCCUPANCY_TOLERANCE);

    public ReadOptions {
        Objects.requireNonNull(occupancy, "occupancy");
        if (!(mergeTolerance > 0 && mergeTolerance < 0.5)) {
            throw new IllegalArgumentException("merge tolerance must lie in (0, 0.5), got " + mergeTolerance);
        }
        if (!(occupancyTolerance >= 0 && occupancyTolerance < 0.5)) {
            throw new IllegalArgumentException("occupancy tolerance must lie in [0, 0.5), got " + occupancyTolerance);
        }
    }

    public static ReadOptions defaults() {
        return DEFAULT;
    }

    public ReadOptions withOccupancy(OccupancyPolicy policy) {
        return new ReadOptions(policy, mergeTolerance, occupancyTolerance);
    }

    public ReadOptions withMergeTolerance(double tol) {
        return new ReadOptions(occupancy, tol, occupancyTolerance);
    }
}
