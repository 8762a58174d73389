package org.photonzip.training;

import org.photonzip.codec.entropy.ResidualAlphabet;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training loss (docs/learned-model.md, "Training objective"): the code length in bits of an integer
 * residual {@code z = r − δ} under a Laplace distribution discretised to unit bins, with scale
 * {@code b = κ·2^(c/4)} for coding context {@code c} (four contexts per octave of error energy). κ is fitted to
 * the training data with no correction (see {@link Calibration}), so that a network that changes nothing
 * leaves every sample in its classical context.
 */
final class CodeLength {
    /**
     * A sample never costs more than this: the coder escapes outliers (zingers, hot pixels) into a rare token
     * plus raw bits, so their cost grows like log |z|, not like |z|; capping keeps them from steering training.
     */
    static final float MAX_BITS = 24;

    private static final float LN2 = (float) Math.log(2);

    private CodeLength() {}

    /** Initial log-scales per context: {@code ln κ + c·ln2/4}. */
    static float[] initialLogScales(float kappa) {
        float[] t = new float[ResidualAlphabet.CONTEXTS];
        for (int c = 0; c < t.length; c++) {
            t[c] = (float) Math.log(kappa) + c * LN2 / 4;
        }
        return t;
    }

    /**
     * Bits per sample of {@code z} (any real, integers in practice) in context {@code c} (real, 0..71), with the
     * Laplace scale's logarithm interpolated linearly in {@code logScales} (so the context has a gradient).
     */
    static Operand<TFloat32> bits(Ops tf, Operand<TFloat32> z, Operand<TFloat32> context, Operand<TFloat32> logScales) {
        Operand<TFloat32> lower = tf.stopGradient(tf.clipByValue(
                tf.math.floor(context), tf.constant(0f), tf.constant((float) ResidualAlphabet.CONTEXTS - 2)));
        Operand<TFloat32> frac = tf.math.sub(context, lower);
        Operand<TInt32> index = tf.dtypes.cast(lower, TInt32.class);
        Operand<TFloat32> table = tf.reshape(logScales, tf.constant(new int[] {ResidualAlphabet.CONTEXTS, 1}));
        Operand<TFloat32> at = pick(tf, index, table);
        Operand<TFloat32> next = pick(tf, tf.math.add(index, tf.constant(1)), table);
        Operand<TFloat32> logB = tf.math.add(at, tf.math.mul(frac, tf.math.sub(next, at)));
        Operand<TFloat32> invB = tf.math.exp(tf.math.neg(logB));
        Operand<TFloat32> a = tf.math.abs(z);
        Operand<TFloat32> half = tf.constant(0.5f);
        // |z| ≥ ½: mass ½·e^(−(|z|−½)/b)·(1 − e^(−1/b)), in nats −log of it.
        Operand<TFloat32> tail = tf.math.sub(
                tf.math.add(tf.math.mul(tf.math.sub(a, half), invB), tf.constant(LN2)),
                tf.math.log(tf.math.neg(tf.math.expm1(tf.math.neg(invB)))));
        // |z| < ½: mass 1 − ½(e^(−(½−|z|)/b) + e^(−(½+|z|)/b)), written with expm1 so bright contexts (large b)
        // keep their precision; |z| is clipped at ½ so the unused branch stays finite (no NaN gradients).
        Operand<TFloat32> ac = tf.math.minimum(a, half);
        Operand<TFloat32> centreMass = tf.math.mul(
                tf.constant(-0.5f),
                tf.math.add(
                        tf.math.expm1(tf.math.neg(tf.math.mul(tf.math.sub(half, ac), invB))),
                        tf.math.expm1(tf.math.neg(tf.math.mul(tf.math.add(half, ac), invB)))));
        Operand<TFloat32> centre = tf.math.neg(tf.math.log(centreMass));
        Operand<TFloat32> nats = tf.select(tf.math.greaterEqual(a, half), tail, centre);
        return tf.math.minimum(tf.math.div(nats, tf.constant(LN2)), tf.constant(MAX_BITS));
    }

    /** {@code table[index]} per row, as a one-hot product so that the table gets a gradient. */
    private static Operand<TFloat32> pick(Ops tf, Operand<TInt32> index, Operand<TFloat32> table) {
        Operand<TFloat32> oneHot =
                tf.oneHot(index, tf.constant(ResidualAlphabet.CONTEXTS), tf.constant(1f), tf.constant(0f));
        return tf.reshape(tf.linalg.matMul(oneHot, table), tf.constant(new int[] {-1}));
    }
}
