package org.photonzip.training;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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

    private CodeLength() {
    }

    /** Bits per sample of {@code z} (any real, integers in practice) in context {@code c} (real, 0..71). */
    static Operand<TFloat32> bits(Ops tf, Operand<TFloat32> z, Operand<TFloat32> context, float kappa) {
        Operand<TFloat32> invB = tf.math.div(tf.constant(1f / kappa),
                tf.math.exp(tf.math.mul(context, tf.constant(LN2 / 4))));
        Operand<TFloat32> a = tf.math.abs(z);
        Operand<TFloat32> half = tf.constant(0.5f);
        // |z| ≥ ½: mass ½·e^(−(|z|−½)/b)·(1 − e^(−1/b)), in nats −log of it.
        Operand<TFloat32> tail = tf.math.sub(
                tf.math.add(tf.math.mul(tf.math.sub(a, half), invB), tf.constant(LN2)),
                tf.math.log(tf.math.neg(tf.math.expm1(tf.math.neg(invB)))));
        // |z| < ½: mass 1 − ½(e^(−(½−|z|)/b) + e^(−(½+|z|)/b)), written with expm1 so bright contexts (large b)
        // keep their precision; |z| is clipped at ½ so the unused branch stays finite (no NaN gradients).
        Operand<TFloat32> ac = tf.math.minimum(a, half);
        Operand<TFloat32> centreMass = tf.math.mul(tf.constant(-0.5f), tf.math.add(
                tf.math.expm1(tf.math.neg(tf.math.mul(tf.math.sub(half, ac), invB))),
                tf.math.expm1(tf.math.neg(tf.math.mul(tf.math.add(half, ac), invB)))));
        Operand<TFloat32> centre = tf.math.neg(tf.math.log(centreMass));
        Operand<TFloat32> nats = tf.select(tf.math.greaterEqual(a, half), tail, centre);
        return tf.math.minimum(tf.math.div(nats, tf.constant(LN2)), tf.constant(MAX_BITS));
    }
}
