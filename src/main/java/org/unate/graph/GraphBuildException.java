package org.unate.graph;

import java.util.Arrays;

/**
 * A structure from which no valid graph can be built. Names the record and the sites at fault.
 * Bulk builds ({@link GraphBuilder#forEach}) skip such records and list them in their {@link BuildReport}.
 */
public final class GraphBuildException extends RuntimeException {
    /** Why the graph could not be built. */
    public enum Reason {
        /** At least one site has no neighbour within the cutoff (and isolated sites are not allowed). */
        ISOLATED_SITE,
        /** Two distinct sites (or images) closer than {@link NeighborFinder#SELF_TOLERANCE}. */
        COINCIDENT_SITES
    }

    private final String recordId;
    private final Reason reason;
    private final int[] sites;

    GraphBuildException(String recordId, Reason reason, int[] sites, String message) {
        super("record " + recordId + ": " + message);
        this.recordId = recordId;
        this.reason = reason;
        this.sites = sites.clone();
    }

    public String recordId() {
        return recordId;
    }

    public Reason reason() {
        return reason;
    }

    /** Indices (0-based, in structure order) of the sites at fault. */
    public int[] sites() {
        return sites.clone();
    }

    static GraphBuildException isolated(String id, int[] sites, double cutoff) {
        int shown = Math.min(sites.length, 20);
        return new GraphBuildException(id, Reason.ISOLATED_SITE, sites,
                sites.length + " site(s) without any neighbour within " + cutoff + " A: "
                        + Arrays.toString(Arrays.copyOf(sites, shown)) + (shown < sites.length ? " ..." : ""));
    }

    static GraphBuildException coincident(String id, int i, int j, int[] image, double d) {
        return new GraphBuildException(id, Reason.COINCIDENT_SITES, new int[] {i, j},
                "sites " + i + " and " + j + " (image " + Arrays.toString(image) + ") coincide: distance " + d
                        + " A < " + NeighborFinder.SELF_TOLERANCE + " A");
    }
}
