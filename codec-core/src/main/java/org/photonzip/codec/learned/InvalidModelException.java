package org.photonzip.codec.learned;

/** A model file that cannot be used: corrupted, truncated, of an unknown version, or not the one referenced. */
public class InvalidModelException extends RuntimeException {
    public InvalidModelException(String message) {
        super("Invalid model: " + message);
    }
}
