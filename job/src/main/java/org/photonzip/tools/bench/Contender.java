package org.photonzip.tools.bench;

/** A codec as the bench drives it: compress a tile, restore it, check it is bit-exact, report size and times. */
interface Contender {
    String name();

    /**
     * Encodes and decodes {@code tile}, timing each on this thread, and checks every restored value.
     *
     * @throws RoundTripException            the restored tile differs
     * @throws UnsupportedOperationException the codec is not available (yet)
     */
    Measurement measure(BenchTile tile);

    /** Called before the first tile of each stack. */
    default void startStack() {}

    /** Called before the first tile of each stack with its noise model (null when none could be fitted). */
    default void startStack(org.photonzip.codec.bound.NoiseModel noise) {
        startStack();
    }

    /** A distortion accumulator for a lossy contender; null for a lossless one. */
    default Distortion newDistortion() {
        return null;
    }

    /** Throws a {@link RoundTripException} unless {@code restored} is {@code tile}, sample for sample. */
    static void checkRestored(String codec, BenchTile tile, org.photonzip.codec.Tile restored) {
        if (restored.frames() != tile.frames || restored.height() != tile.height || restored.width() != tile.width) {
            throw new RoundTripException(codec + " restored " + restored + " for " + tile);
        }
        int i = java.util.Arrays.mismatch(tile.samples, restored.samples());
        if (i >= 0) {
            throw new RoundTripException(codec + " round trip differs in " + tile + " at " + tile.where(i)
                    + ": expected " + (tile.samples[i] & 0xFFFF) + ", restored " + (restored.samples()[i] & 0xFFFF));
        }
    }

    /** {@code restored} is kept only by lossy contenders (null otherwise), for their distortion. */
    record Measurement(long compressedBytes, long encodeNanos, long decodeNanos, short[] restored) {
        Measurement(long compressedBytes, long encodeNanos, long decodeNanos) {
            this(compressedBytes, encodeNanos, decodeNanos, null);
        }
    }

    /**
     * Runs one codec step, turning a crash into a {@link RoundTripException} that names the codec and tile;
     * {@link UnsupportedOperationException} passes through, as it means "not available", not "broken".
     */
    static <T> T guard(String codec, String step, BenchTile tile, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RoundTripException(codec + " failed to " + step + " " + tile + ": " + e, e);
        }
    }
}
