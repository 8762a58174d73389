package org.photonzip.codec.format;

import org.photonzip.codec.MalformedStreamException;

/** The one way stream checks fail: a condition, the byte offset it concerns, and why. */
public final class Verify {
    private Verify() {}

    /** @throws MalformedStreamException at {@code offset} with {@code reason} unless {@code condition} holds */
    public static void verify(boolean condition, long offset, String reason) {
        if (!condition) {
            throw fail(offset, reason);
        }
    }

    /**
     * The exception for a failed check, for per-sample checks whose reason would cost a string per sample if
     * built before the test: {@code if (bad) throw Verify.fail(offset, "..." + value)}.
     */
    public static MalformedStreamException fail(long offset, String reason) {
        return new MalformedStreamException(offset, reason);
    }
}
