package org.photonzip.codec;

/**
 * A tile stream with what the encoder learned while writing it: which model it chose (0 when stored raw), the
 * bits each frame's residuals cost (not counting the header, model parameters and tables), for reports, and the
 * samples the stream decodes to: the source's own array when lossless, the reconstruction when error-bounded.
 */
public record EncodedTile(byte[] stream, int modelId, double[] frameBits, short[] reconstruction) {
    public double bitsPerPixel(int samples) {
        return 8.0 * stream.length / samples;
    }
}
