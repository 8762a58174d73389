package org.photonzip.bench;

/** A codec restored a tile that differs from its input: the benchmark stops, since the codec is broken. */
public class RoundTripException extends IllegalStateException {
    public RoundTripException(String message) {
        super(message);
    }
}
