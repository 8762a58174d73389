package org.photonzip.codec.bound;

import java.util.Objects;

/**
 * How far a restored sample may differ from the source: not at all (the default), by at most {@code n} counts,
 * or by at most {@code ⌊K·σ(Î)⌋} counts where {@code σ} is a {@link NoiseModel}'s photon-plus-read noise at the
 * pixel's prediction {@code Î} (which the decoder knows, so it knows every pixel's bound).
 *
 * <p>Every bound is held in the fixed point the stream stores, so the encoder, the decoder and a verifier
 * compute the same per-pixel bound with integer arithmetic on any platform.
 */
public sealed interface ErrorBound permits ErrorBound.None, ErrorBound.Absolute, ErrorBound.NoiseScaled {
    /** Largest absolute bound and largest per-pixel bound: a bound this wide already allows any value. */
    int MAX_COUNTS = 65535;

    static ErrorBound none() {
        return None.INSTANCE;
    }

    /** At most {@code n} counts of error on every pixel, {@code 0 ≤ n ≤ 65535}. */
    static Absolute absolute(int n) {
        return new Absolute(n);
    }

    /** At most {@code ⌊K·σ(Î)⌋} counts; {@code K} is stored in units of 1/256 (rounded), {@code 0 < K < 16}. */
    static NoiseScaled noiseScaled(double k, NoiseModel model) {
        return new NoiseScaled(NoiseScaled.fixedK(k), model);
    }

    /** True only for {@link #none()}: an absolute bound of 0 is still a bounded (flagged) stream. */
    boolean isLossless();

    /** The largest |restored − source| allowed for a pixel whose prediction is the value {@code intensity}. */
    int boundAt(int intensity);

    /** The largest bound any pixel can get: a verifier's worst case. */
    int maxBound();

    /** A short human-readable form, e.g. {@code "lossless"}, {@code "±4 counts"}. */
    String describe();

    /** Lossless coding. */
    final class None implements ErrorBound {
        static final None INSTANCE = new None();

        private None() {}

        @Override
        public boolean isLossless() {
            return true;
        }

        @Override
        public int boundAt(int intensity) {
            return 0;
        }

        @Override
        public int maxBound() {
            return 0;
        }

        @Override
        public String describe() {
            return "lossless";
        }

        @Override
        public String toString() {
            return "ErrorBound.none";
        }
    }

    /** The same bound of {@code n} counts on every pixel. */
    record Absolute(int n) implements ErrorBound {
        public Absolute {
            if (n < 0 || n > MAX_COUNTS) {
                throw new IllegalArgumentException(
                        "Invalid error bound " + n + ": must be 0.." + MAX_COUNTS + " counts");
            }
        }

        @Override
        public boolean isLossless() {
            return false;
        }

        @Override
        public int boundAt(int intensity) {
            return n;
        }

        @Override
        public int maxBound() {
            return n;
        }

        @Override
        public String describe() {
            return "±" + n + " counts";
        }
    }

    /**
     * Each pixel's bound is {@code ⌊K·σ(Î)⌋}, computed as {@link BoundTable} specifies from {@code kFixed}
     * ({@code K} in units of 1/256) and the model's fixed-point parameters.
     */
    record NoiseScaled(int kFixed, NoiseModel model) implements ErrorBound {
        /** {@code K} in units of 2^−8. */
        public static final int K_BITS = 8;
        /** Exclusive upper limit of {@code kFixed} (K < 16). */
        public static final int K_LIMIT = 1 << 12;

        public NoiseScaled {
            Objects.requireNonNull(model, "model");
            if (kFixed <= 0 || kFixed >= K_LIMIT) {
                throw new IllegalArgumentException(
                        "Invalid noise bound " + kFixed / 256.0 + ": K must be in (0, 16) with a resolution of 1/256");
            }
        }

        static int fixedK(double k) {
            if (!(k > 0) || !(k < 16)) {
                throw new IllegalArgumentException("Invalid noise bound " + k + ": K must be > 0 and < 16");
            }
            return (int) Math.max(1, Math.round(k * (1 << K_BITS)));
        }

        /** K as stored (a multiple of 1/256). */
        public double k() {
            return kFixed / (double) (1 << K_BITS);
        }

        @Override
        public boolean isLossless() {
            return false;
        }

        @Override
        public int boundAt(int intensity) {
            return BoundTable.of(this)[Math.max(0, Math.min(intensity, MAX_COUNTS))];
        }

        @Override
        public int maxBound() {
            return BoundTable.of(this)[MAX_COUNTS];
        }

        @Override
        public String describe() {
            return "±" + k() + "·σ (" + model.describe() + ")";
        }
    }
}
