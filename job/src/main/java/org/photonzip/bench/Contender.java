package org.photonzip.bench;

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

    record Measurement(long compressedBytes, long encodeNanos, long decodeNanos) {
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
