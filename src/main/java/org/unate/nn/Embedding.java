package org.unate.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * A trainable lookup table {@code [rows, dim]}: indices {@code [n]} (int32) -> vectors {@code [n, dim]}.
 * Initialised N(0, 1) like PyTorch's {@code nn.Embedding}, or from given values.
 */
public final class Embedding {
    private final Params params;
    private final Variable<TFloat32> table;
    private final int rows;
    private final int dim;

    /** A table of seeded N(0, 1) values. */
    public Embedding(Params params, String name, int rows, int dim) {
        this(params, name, rows, dim, Init.normal(rows * dim, 1.0, params.seedFor(name)), true);
    }

    /** A table with the given initial values ({@code [rows * dim]}, row-major). */
    public Embedding(Params params, String name, int rows, int dim, float[] init, boolean trainable) {
        this.params = params;
        this.rows = rows;
        this.dim = dim;
        this.table = params.variable(name, Shape.of(rows, dim), init, trainable);
    }

    /** {@code [n] -> [n, dim]}. */
    public Operand<TFloat32> apply(Operand<? extends TNumber> indices) {
        return params.tf().gather(table, indices, params.tf().constant(0));
    }

    public Variable<TFloat32> table() {
        return table;
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }
}
