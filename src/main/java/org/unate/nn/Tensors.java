package org.unate.nn;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies between Java arrays and TensorFlow tensors. The caller closes every tensor returned. */
public final class Tensors {
    private Tensors() {
    }

    /** A float32 tensor of the given shape from row-major data. */
    public static TFloat32 floats(float[] data, long... shape) {
        Shape s = Shape.of(shape);
        if (s.size() != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + s);
        }
        return TFloat32.tensorOf(s, DataBuffers.of(data, true, false));
    }

    /** An int32 tensor of the given shape from row-major data. */
    public static TInt32 ints(int[] data, long... shape) {
        Shape s = Shape.of(shape);
        if (s.size() != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + s);
        }
        return TInt32.tensorOf(s, DataBuffers.of(data, true, false));
    }

    /** All values of a float32 tensor, row-major. */
    public static float[] toFloats(Tensor t) {
        TFloat32 f = (TFloat32) t;
        float[] out = new float[Math.toIntExact(f.shape().size())];
        f.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    /** The value of a scalar float32 tensor. */
    public static float scalar(Tensor t) {
        return ((TFloat32) t).getFloat();
    }
}
