package org.photonzip.spark;

/** The model asked for cannot be used by this build (the learned model has not landed yet). */
public class ModelUnavailableException extends org.photonzip.codec.PhotonzipException {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
