package org.photonzip.specdecoder;

/** A stream this decoder refuses, as docs/tile-format.md says it must. */
public final class SpecException extends RuntimeException {
    public SpecException(String reason) {
        super("Invalid tile stream: " + reason);
    }

    static void require(boolean condition, String reason) {
        if (!condition) {
            throw new SpecException(reason);
        }
    }
}
