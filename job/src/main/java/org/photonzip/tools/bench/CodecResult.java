package org.photonzip.tools.bench;

/**
 * What one codec achieved on one stack: total compressed size and single-thread encode / decode time over all
 * tiles. MB are 10^6 bytes of uint16 source (two bytes per sample).
 *
 * @param unavailable why the codec could not run (then the other figures are zero), or null
 * @param distortion  what a lossy codec changed, or null for a lossless one
 */
public record CodecResult(
        String codec,
        long samples,
        long compressedBytes,
        long encodeNanos,
        long decodeNanos,
        String unavailable,
        Distortion distortion) {
    public CodecResult(
            String codec, long samples, long compressedBytes, long encodeNanos, long decodeNanos, String unavailable) {
        this(codec, samples, compressedBytes, encodeNanos, decodeNanos, unavailable, null);
    }

    public boolean available() {
        return unavailable == null;
    }

    public double bitsPerPixel() {
        return compressedBytes * 8.0 / samples;
    }

    /** Original size over compressed size. */
    public double ratio() {
        return samples * 2.0 / compressedBytes;
    }

    public double encodeMBps() {
        return samples * 2.0 / 1e6 / (encodeNanos / 1e9);
    }

    public double decodeMBps() {
        return samples * 2.0 / 1e6 / (decodeNanos / 1e9);
    }
}
