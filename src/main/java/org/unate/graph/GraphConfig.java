package org.unate.graph;

import java.util.Locale;

/**
 * How a crystal graph is built: which periodic neighbours of each site become edges.
 * <ul>
 *   <li>{@link Mode#ALL_WITHIN_CUTOFF}: every neighbour with {@code d <= cutoff} (CartNet-style radius graph;
 *       {@link #radius(double)}, default cutoff {@value #DEFAULT_RADIUS_CUTOFF} angstrom).</li>
 *   <li>{@link Mode#K_NEAREST}: the {@code maxNeighbors} nearest neighbours with {@code d <= cutoff} (CGCNN:
 *       {@link #cgcnn()}, cutoff 8 angstrom, 12 neighbours). A site with fewer neighbours within the cutoff keeps
 *       the ones it has; it is never padded.</li>
 * </ul>
 * A distance counts as within the cutoff when {@code d <= cutoff + }{@link NeighborFinder#CUTOFF_TOLERANCE}.
 * A site with no neighbour at all makes the build fail with {@link GraphBuildException} unless
 * {@code allowIsolatedSites} is set.
 * <p>Serialised with Jackson as {@code {"mode":"K_NEAREST","cutoff":8.0,"maxNeighbors":12,"allowIsolatedSites":false}}.
 *
 * @param mode               which neighbours become edges
 * @param cutoff             cutoff radius in angstrom, in (0, {@value #MAX_CUTOFF}]
 * @param maxNeighbors       k of {@link Mode#K_NEAREST} (1..{@value #MAX_K}); must be 0 for {@link Mode#ALL_WITHIN_CUTOFF}
 * @param allowIsolatedSites when true, a site without neighbours is kept with no edges instead of failing the build
 */
public record GraphConfig(Mode mode, double cutoff, int maxNeighbors, boolean allowIsolatedSites) {

    /** Which neighbours become edges. */
    public enum Mode {
        /** Every neighbour within the cutoff. */
        ALL_WITHIN_CUTOFF,
        /** The k nearest neighbours within the cutoff (fewer when fewer lie within it). */
        K_NEAREST
    }

    /** Default cutoff of {@link #radius()}, angstrom. */
    public static final double DEFAULT_RADIUS_CUTOFF = 5.0;
    /** CGCNN cutoff, angstrom. */
    public static final double CGCNN_CUTOFF = 8.0;
    /** CGCNN neighbour count. */
    public static final int CGCNN_K = 12;
    /** Largest accepted cutoff, angstrom (the distance sort key is sized for it). */
    public static final double MAX_CUTOFF = 100.0;
    /** Largest accepted k. */
    public static final int MAX_K = 10_000;

    public GraphConfig {
        if (mode == null) {
            throw new IllegalArgumentException("graph config: mode is required (ALL_WITHIN_CUTOFF or K_NEAREST)");
        }
        if (!(cutoff > 0 && cutoff <= MAX_CUTOFF)) {
            throw new IllegalArgumentException("graph config: cutoff must be in (0, " + MAX_CUTOFF
                    + "] angstrom, got " + cutoff);
        }
        if (mode == Mode.K_NEAREST && (maxNeighbors < 1 || maxNeighbors > MAX_K)) {
            throw new IllegalArgumentException("graph config: K_NEAREST needs maxNeighbors in 1.." + MAX_K
                    + ", got " + maxNeighbors);
        }
        if (mode == Mode.ALL_WITHIN_CUTOFF && maxNeighbors != 0) {
            throw new IllegalArgumentException("graph config: maxNeighbors applies to K_NEAREST only; "
                    + "ALL_WITHIN_CUTOFF needs maxNeighbors = 0, got " + maxNeighbors);
        }
    }

    /** CGCNN's graph: the 12 nearest neighbours within 8 angstrom. */
    public static GraphConfig cgcnn() {
        return kNearest(CGCNN_CUTOFF, CGCNN_K);
    }

    /** All neighbours within {@code cutoff} angstrom. */
    public static GraphConfig radius(double cutoff) {
        return new GraphConfig(Mode.ALL_WITHIN_CUTOFF, cutoff, 0, false);
    }

    /** All neighbours within the default {@value #DEFAULT_RADIUS_CUTOFF} angstrom (CartNet-style). */
    public static GraphConfig radius() {
        return radius(DEFAULT_RADIUS_CUTOFF);
    }

    /** The {@code k} nearest neighbours within {@code cutoff} angstrom. */
    public static GraphConfig kNearest(double cutoff, int k) {
        return new GraphConfig(Mode.K_NEAREST, cutoff, k, false);
    }

    /** This config with isolated sites allowed (kept without edges) or not (build fails). */
    public GraphConfig withAllowIsolatedSites(boolean allow) {
        return new GraphConfig(mode, cutoff, maxNeighbors, allow);
    }

    /** A stable text key of every field, used to key graph caches. */
    public String cacheKey() {
        return String.format(Locale.ROOT, "mode=%s;cutoff=%s;k=%d;isolated=%b", mode, Double.toString(cutoff),
                maxNeighbors, allowIsolatedSites);
    }
}
