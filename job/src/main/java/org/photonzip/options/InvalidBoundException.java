package org.photonzip.options;

/** A requested error bound that this scan cannot have (no usable noise model): an invalid option, exit 2. */
public class InvalidBoundException extends IllegalArgumentException {
    public InvalidBoundException(String message) {
        super(message);
    }
}
