package org.photonzip.tools.bench;

/**
 * A codec restored a tile that differs from its input, or failed on a tile or on its own stream: the benchmark
 * stops, since the codec is broken.
 */
public class RoundTripException extends IllegalStateException {
    public RoundTripException(String message) {
        super(message);
    }

    public RoundTripException(String message, Throwable cause) {
        super(message, cause);
    }
}
