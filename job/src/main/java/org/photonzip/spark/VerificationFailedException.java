package org.photonzip.spark;

/** {@code --verify} found a tile that does not decode to the samples that were read; nothing was committed. */
public class VerificationFailedException extends org.photonzip.codec.PhotonzipException {
    public VerificationFailedException(String message) {
        super(message);
    }
}
