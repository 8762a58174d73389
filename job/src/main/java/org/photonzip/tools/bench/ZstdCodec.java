package org.photonzip.tools.bench;

import com.github.luben.zstd.Zstd;

/** Zstandard at a fixed level, one frame per tile, single-threaded. */
public final class ZstdCodec implements BlockCodec {
    private final int level;

    public ZstdCodec(int level) {
        if (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("Invalid zstd level " + level + ": expected "
                    + Zstd.minCompressionLevel() + ".." + Zstd.maxCompressionLevel());
        }
        this.level = level;
    }

    @Override
    public String name() {
        return "zstd-" + level;
    }

    @Override
    public byte[] compress(byte[] raw) {
        return Zstd.compress(raw, level);
    }

    @Override
    public byte[] decompress(byte[] compressed, int rawLength) {
        byte[] out = new byte[rawLength];
        long n = Zstd.decompress(out, compressed);
        if (n != rawLength) {
            throw new IllegalStateException("zstd restored " + n + " bytes, expected " + rawLength);
        }
        return out;
    }
}
