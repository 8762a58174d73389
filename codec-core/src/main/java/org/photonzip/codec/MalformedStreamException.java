package org.photonzip.codec;

/**
 * A tile stream that cannot be decoded: truncated, corrupted, not a photonzip stream, or not the tile the
 * caller expected. Raised through {@link org.photonzip.codec.format.Verify#verify}.
 */
public class MalformedStreamException extends PhotonzipException {
    private final long offset;

    public MalformedStreamException(long offset, String reason) {
        super("Invalid tile stream at byte " + offset + ": " + reason);
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid stream offset " + offset + " for: " + reason);
        }
        this.offset = offset;
    }

    /** Byte offset from the start of the stream where decoding noticed the problem. */
    public long offset() {
        return offset;
    }
}
