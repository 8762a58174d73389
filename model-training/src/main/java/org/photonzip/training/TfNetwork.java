package org.photonzip.training;

import org.photonzip.codec.learned.IntegerMlp;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One {@link IntegerMlp} compiled into a TensorFlow graph and session. Integers travel as float32: every
 * operand and every partial sum is an integer below 2^24 in magnitude (the network's bounds guarantee it), so
 * MatMul is exact in any summation order, the shift is an exact power-of-two scaling and floor is exact.
 */
final class TfNetwork implements AutoCloseable {
    /** Rows per session run: bounds the tensors to a few MB however large the batch. */
    static final int CHUNK_ROWS = 1 << 16;

    private final Graph graph;
    private final Session session;
    private final Placeholder<TInt32> input;
    private final Operand<TInt32> output;

    TfNetwork(IntegerMlp network, ConfigProto config) {
        graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            // Integers in and out, cast inside the graph: the copies across JNI are then plain memory copies.
            input = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, IntegerMlp.INPUTS)));
            Operand<TFloat32> x = tf.dtypes.cast(input, TFloat32.class);
            int last = network.layers() - 1;
            for (int l = 0; l <= last; l++) {
                int in = network.width(l);
                int out = network.width(l + 1);
                Operand<TFloat32> z = tf.math.add(
                        tf.linalg.matMul(x, tf.constant(transposed(network.weights(l), out, in))),
                        tf.constant(toFloats(network.biases(l))));
                if (l < last) {
                    z = tf.math.floor(tf.math.mul(z, tf.constant(Math.scalb(1f, -network.shift(l)))));
                    z = tf.clipByValue(z, tf.constant(0f), tf.constant((float) IntegerMlp.MAX_ACTIVATION));
                }
                x = z;
            }
            output = tf.dtypes.cast(x, TInt32.class);
            session = new Session(graph, config);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Same contract as {@link org.photonzip.codec.learned.InferenceBackend#evaluate}. */
    void evaluate(int[] inputs, int rows, int[] outputs) {
        for (int first = 0; first < rows; first += CHUNK_ROWS) {
            int n = Math.min(CHUNK_ROWS, rows - first);
            try (TInt32 batch = TInt32.tensorOf(Shape.of(n, IntegerMlp.INPUTS))) {
                batch.asRawTensor().data().asInts().write(inputs, first * IntegerMlp.INPUTS, n * IntegerMlp.INPUTS);
                try (Result result =
                        session.runner().feed(input, batch).fetch(output).run()) {
                    result.get(0)
                            .asRawTensor()
                            .data()
                            .asInts()
                            .read(outputs, first * IntegerMlp.OUTPUTS, n * IntegerMlp.OUTPUTS);
                }
            }
        }
    }

    /** Row-major {@code [rows][cols]} integers as a float {@code [cols][rows]} matrix (MatMul's x·W layout). */
    static float[][] transposed(int[] w, int rows, int cols) {
        float[][] t = new float[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = w[r * cols + c];
            }
        }
        return t;
    }

    private static float[] toFloats(int[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
