package org.photonzip.codec;

/** A valid stream written by a newer photonzip (or a feature this decoder lacks): not corruption. */
public class UnsupportedFormatException extends PhotonzipException {
    public UnsupportedFormatException(String message) {
        super(message);
    }
}
