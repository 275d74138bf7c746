package org.unate.graph;

/** Geometric edge features that are not distance expansions. */
public final class EdgeFeatures {
    private EdgeFeatures() {
    }

    /**
     * Unit direction vectors {@code u_e = vector_e / distance_e} (centre -> neighbour), row-major {@code [nEdges, 3]}.
     * Distances are never 0 in a {@link CrystalGraph} (self-pairs and coincident sites are excluded).
     */
    public static float[] directions(CrystalGraph g) {
        double[] v = g.vector(), d = g.distance();
        float[] out = new float[v.length];
        for (int e = 0; e < d.length; e++) {
            double inv = 1.0 / d[e];
            out[3 * e] = (float) (v[3 * e] * inv);
            out[3 * e + 1] = (float) (v[3 * e + 1] * inv);
            out[3 * e + 2] = (float) (v[3 * e + 2] * inv);
        }
        return out;
    }

    /** Unit direction vectors of a packed batch (float32 vectors and distances): {@code [nEdges, 3]}. */
    public static float[] directions(GraphBatch b) {
        float[] v = b.vector(), d = b.distance();
        float[] out = new float[v.length];
        for (int e = 0; e < d.length; e++) {
            float inv = 1.0f / d[e];
            out[3 * e] = v[3 * e] * inv;
            out[3 * e + 1] = v[3 * e + 1] * inv;
            out[3 * e + 2] = v[3 * e + 2] * inv;
        }
        return out;
    }
}
