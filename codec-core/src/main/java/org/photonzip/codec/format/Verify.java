package org.photonzip.codec.format;

import org.photonzip.codec.MalformedStreamException;

/** The one way stream checks fail: a condition, the byte offset it concerns, and why. */
public final class Verify {
    private Verify() {
    }

    /** @throws MalformedStreamException at {@code offset} with {@code reason} unless {@code condition} holds */
    public static void verify(boolean condition, long offset, String reason) {
        if (!condition) {
            throw new MalformedStreamException(offset, reason);
        }
    }
}
