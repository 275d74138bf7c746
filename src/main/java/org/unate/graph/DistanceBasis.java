package org.unate.graph;

/**
 * Expands edge distances into feature vectors. Computed in float64, stored as float32 (the models' precision).
 * The TensorFlow side mirrors the formulas documented by each implementation.
 */
public interface DistanceBasis {
    /** Number of features per edge. */
    int size();

    /** Feature {@code k} of distance {@code d} (angstrom). */
    double value(double d, int k);

    /** Features of {@code distances} ({@code [nEdges]}, angstrom): row-major {@code [nEdges, size()]}. */
    default float[] expand(double[] distances) {
        int g = size();
        float[] out = new float[distances.length * g];
        for (int e = 0; e < distances.length; e++) {
            for (int k = 0; k < g; k++) {
                out[e * g + k] = (float) value(distances[e], k);
            }
        }
        return out;
    }

    /** Features of float32 {@code distances} ({@code [nEdges]}, angstrom): {@code [nEdges, size()]}. */
    default float[] expand(float[] distances) {
        int g = size();
        float[] out = new float[distances.length * g];
        for (int e = 0; e < distances.length; e++) {
            for (int k = 0; k < g; k++) {
                out[e * g + k] = (float) value(distances[e], k);
            }
        }
        return out;
    }
}
