package org.photonzip.codec.learned;

import org.photonzip.codec.PhotonzipException;

/** A model file that cannot be used: corrupted, truncated, of an unknown version, or not the one referenced. */
public class InvalidModelException extends PhotonzipException {
    public InvalidModelException(String message) {
        super("Invalid model: " + message);
    }
}
