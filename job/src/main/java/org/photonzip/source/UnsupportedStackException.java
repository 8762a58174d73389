package org.photonzip.source;

/**
 * A valid file that holds something photonzip does not archive as a stack: a float or 32-bit dataset, a
 * non-3-D dataset, a compressed or multi-sample TIFF. Corrupt or unreadable files raise {@link java.io.IOException}.
 */
public class UnsupportedStackException extends IllegalArgumentException {
    public UnsupportedStackException(String message) {
        super(message);
    }
}
