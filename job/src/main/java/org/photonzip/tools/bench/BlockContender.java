package org.photonzip.tools.bench;

/** Drives a {@link BlockCodec} on the tile's little-endian bytes (built outside the timed region). */
final class BlockContender implements Contender {
    private final BlockCodec codec;

    BlockContender(BlockCodec codec) {
        this.codec = codec;
    }

    @Override
    public String name() {
        return codec.name();
    }

    @Override
    public Measurement measure(BenchTile tile) {
        byte[] raw = tile.littleEndian();
        byte[] input = raw.clone();
        long start = System.nanoTime();
        byte[] compressed = Contender.guard(name(), "compress", tile, () -> codec.compress(input));
        long encoded = System.nanoTime();
        byte[] restored = Contender.guard(name(), "decompress", tile, () -> codec.decompress(compressed, raw.length));
        long decoded = System.nanoTime();
        if (restored.length != raw.length) {
            throw new RoundTripException(
                    name() + " restored " + restored.length + " bytes of " + tile + ", expected " + raw.length);
        }
        int mismatch = java.util.Arrays.mismatch(raw, restored);
        if (mismatch >= 0) {
            int i = mismatch / 2;
            int got = (restored[2 * i] & 0xFF) | (restored[2 * i + 1] & 0xFF) << 8;
            throw new RoundTripException(name() + " round trip differs in " + tile + " at " + tile.where(i)
                    + ": expected " + (tile.samples[i] & 0xFFFF) + ", restored " + got);
        }
        return new Measurement(compressed.length, encoded - start, decoded - encoded);
    }
}
