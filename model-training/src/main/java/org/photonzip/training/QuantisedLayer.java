package org.photonzip.training;

import java.util.SplittableRandom;
import org.photonzip.codec.learned.IntegerMlp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One dense layer of the training graph: float weights {@code v [in, out]} and biases {@code b [out]} that
 * Adam updates, and their integer image, {@code W = clip(round(v·2^k), ±127)}, {@code B = clip(round(b·2^k),
 * ±2^20)}, with the largest power-of-two exponent {@code k ≤ 24} that keeps both in range. The integer network
 * has no float scale, so {@code k} becomes the layer's right shift (hidden layers) or output shift; the
 * deployed layer then computes {@code (B + W·x) >> k}, i.e. {@code floor(x·v + b)} up to rounding of v.
 *
 * <p>The exponent is per layer for hidden layers and per unit for the output layer, whose two units have
 * shifts of their own ({@code Sloc}, {@code Sscale}).
 */
final class QuantisedLayer {
    private static final float LN2 = (float) Math.log(2);
    private static final int MAX_SHIFT = 24;

    final Variable<TFloat32> v;
    final Variable<TFloat32> b;
    /** Integer weights {@code [in, out]} and biases, as floats; no gradient. */
    final Operand<TFloat32> weightInts;

    final Operand<TFloat32> biasInts;
    /** The exponent {@code k}: a scalar, or one per unit for a per-unit layer. */
    final Operand<TFloat32> exponent;
    /** {@code 2^-k}, exact (looked up, not computed with pow). */
    final Operand<TFloat32> inverseScale;
    /** The quantised weights and biases in float units, with straight-through gradients to v and b. */
    final Operand<TFloat32> weights;

    final Operand<TFloat32> biases;

    QuantisedLayer(
            Ops tf, int in, int out, boolean perUnit, boolean zeroWeights, float initialBias, SplittableRandom random) {
        v = tf.variable(tf.constant(initialWeights(in, out, zeroWeights, random)));
        float[] bias = new float[out];
        java.util.Arrays.fill(bias, initialBias);
        b = tf.variable(tf.constant(bias));

        Operand<TFloat32> vs = tf.stopGradient(v);
        Operand<TFloat32> bs = tf.stopGradient(b);
        Operand<TFloat32> maxW = perUnit
                ? tf.reduceMax(tf.math.abs(vs), tf.constant(0))
                : tf.reduceMax(tf.math.abs(vs), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> maxB = perUnit ? tf.math.abs(bs) : tf.reduceMax(tf.math.abs(bs), tf.constant(0));
        Operand<TFloat32> k = tf.math.minimum(
                floorLog2(tf, tf.math.div(tf.constant((float) IntegerMlp.MAX_WEIGHT), atLeastTiny(tf, maxW))),
                floorLog2(tf, tf.math.div(tf.constant((float) IntegerMlp.MAX_BIAS), atLeastTiny(tf, maxB))));
        exponent = tf.clipByValue(k, tf.constant(0f), tf.constant((float) MAX_SHIFT));
        Operand<TInt32> index = tf.dtypes.cast(exponent, TInt32.class);
        Operand<TFloat32> scale = tf.gather(tf.constant(powersOfTwo(1)), index, tf.constant(0));
        inverseScale = tf.gather(tf.constant(powersOfTwo(-1)), index, tf.constant(0));
        weightInts = clipRound(tf, tf.math.mul(vs, scale), IntegerMlp.MAX_WEIGHT);
        biasInts = clipRound(tf, tf.math.mul(bs, scale), IntegerMlp.MAX_BIAS);
        weights = straightThrough(tf, v, tf.math.mul(weightInts, inverseScale));
        biases = straightThrough(tf, b, tf.math.mul(biasInts, inverseScale));
    }

    /** {@code soft} on the way back, {@code exact} on the way forward (up to one float rounding). */
    static Operand<TFloat32> straightThrough(Ops tf, Operand<TFloat32> soft, Operand<TFloat32> exact) {
        return tf.math.add(soft, tf.stopGradient(tf.math.sub(exact, soft)));
    }

    private static Operand<TFloat32> clipRound(Ops tf, Operand<TFloat32> x, int limit) {
        return tf.clipByValue(tf.math.round(x), tf.constant((float) -limit), tf.constant((float) limit));
    }

    private static Operand<TFloat32> atLeastTiny(Ops tf, Operand<TFloat32> x) {
        return tf.math.maximum(x, tf.constant(1e-30f));
    }

    /** {@code floor(log2 x)}; may be one off at exact powers of two, which only costs half a bit of precision. */
    private static Operand<TFloat32> floorLog2(Ops tf, Operand<TFloat32> x) {
        return tf.math.floor(tf.math.div(tf.math.log(x), tf.constant(LN2)));
    }

    /** {@code 2^(sign·i)} for i = 0..24, exact in float32. */
    private static float[] powersOfTwo(int sign) {
        float[] p = new float[MAX_SHIFT + 1];
        for (int i = 0; i <= MAX_SHIFT; i++) {
            p[i] = Math.scalb(1f, sign * i);
        }
        return p;
    }

    /** Glorot-uniform weights from the seeded generator (TensorFlow's random ops are not needed). */
    private static float[][] initialWeights(int in, int out, boolean zero, SplittableRandom random) {
        float[][] w = new float[in][out];
        if (zero) {
            return w;
        }
        double limit = Math.sqrt(6.0 / (in + out));
        for (float[] row : w) {
            for (int j = 0; j < out; j++) {
                row[j] = (float) random.nextDouble(-limit, limit);
            }
        }
        return w;
    }
}
