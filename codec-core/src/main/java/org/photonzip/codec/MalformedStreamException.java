package org.photonzip.codec;

/** A tile stream that cannot be decoded: truncated, corrupted, or not a photonzip stream at all. */
public class MalformedStreamException extends RuntimeException {
    private final long offset;

    public MalformedStreamException(long offset, String reason) {
        super("Malformed tile stream at byte " + offset + ": " + reason);
        this.offset = offset;
    }

    /** Byte offset in the stream where decoding noticed the problem. */
    public long offset() {
        return offset;
    }
}
