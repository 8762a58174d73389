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
}
