package org.photonzip.options;

import java.io.Serializable;
import java.util.Locale;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * What {@code --error-bound N} or {@code --noise-bound K} asked for, checked before any work: N whole counts
 * in 0..65535; K a finite number in (0, 16) (the stream stores it in 1/256 steps); never both. A noise bound
 * becomes an {@link ErrorBound} only once the scan's noise model is fitted ({@link #resolve}).
 */
public record BoundRequest(Mode mode, double value) implements Serializable {
    public enum Mode {
        LOSSLESS,
        ABSOLUTE,
        NOISE
    }

    public static final BoundRequest LOSSLESS = new BoundRequest(Mode.LOSSLESS, 0);

    /** From the two options' text (each may be null). */
    public static BoundRequest parse(String errorBound, String noiseBound) {
        if (errorBound != null && noiseBound != null) {
            throw new IllegalArgumentException(
                    "Invalid options: --error-bound and --noise-bound are exclusive " + "(an archive has one bound)");
        }
        if (errorBound != null) {
            long n;
            try {
                n = Long.parseLong(errorBound.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Invalid --error-bound " + errorBound + ": not a whole number of counts");
            }
            if (n < 0 || n > ErrorBound.MAX_COUNTS) {
                throw new IllegalArgumentException("Invalid --error-bound " + errorBound + ": must be 0.."
                        + ErrorBound.MAX_COUNTS + " counts (a uint16 sample cannot be further off)");
            }
            return new BoundRequest(Mode.ABSOLUTE, n);
        }
        if (noiseBound != null) {
            double k;
            try {
                k = Double.parseDouble(noiseBound.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid --noise-bound " + noiseBound + ": not a number");
            }
            if (!(k > 0) || !(k < 16)) {
                throw new IllegalArgumentException("Invalid --noise-bound " + noiseBound + ": K must be > 0 and < 16 "
                        + "(noise standard deviations; above a few σ the data are noise-free estimates, not data)");
            }
            if (Math.round(k * 256) < 1) {
                throw new IllegalArgumentException(
                        "Invalid --noise-bound " + noiseBound + ": below the stored resolution of 1/256");
            }
            return new BoundRequest(Mode.NOISE, k);
        }
        return LOSSLESS;
    }

    /**
     * Refuses a bound with options that cannot honour it: TensorFlow inference for a learned model (bounded
     * coding evaluates the network on reconstructed values, one sample at a time, with the Java evaluator).
     */
    public void checkHonouredBy(ModelChoice model) {
        boolean learned = model.kind() == ModelChoice.Kind.LEARNED || model.kind() == ModelChoice.Kind.FILE;
        if (!lossless() && learned && "tf".equalsIgnoreCase(model.inference())) {
            throw new InvalidBoundException("Invalid options: " + this + " with --inference tf cannot be honoured: "
                    + "bounded coding evaluates the network on reconstructed values, one sample at a time, with the "
                    + "Java evaluator (use --inference java or auto)");
        }
    }

    public boolean lossless() {
        return mode == Mode.LOSSLESS;
    }

    /** The codec's bound; {@code noise} is the scan's fitted model, required for a noise bound. */
    public ErrorBound resolve(NoiseModel noise) {
        return switch (mode) {
            case LOSSLESS -> ErrorBound.none();
            case ABSOLUTE -> ErrorBound.absolute((int) value);
            case NOISE -> {
                if (noise == null) {
                    throw new IllegalStateException("Cannot resolve a noise bound without a noise model");
                }
                yield ErrorBound.noiseScaled(value, noise);
            }
        };
    }

    @Override
    public String toString() {
        return switch (mode) {
            case LOSSLESS -> "lossless";
            case ABSOLUTE -> "--error-bound " + (long) value;
            case NOISE -> String.format(Locale.ROOT, "--noise-bound %s", value);
        };
    }
}
