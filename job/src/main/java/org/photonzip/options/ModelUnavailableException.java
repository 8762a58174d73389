package org.photonzip.options;

/**
 * The model asked for cannot be used here: TensorFlow missing or not loading for {@code --model learned} or
 * {@code --inference tf}, a model file that does not exist or does not load, or a scan a model cannot be
 * trained on.
 */
public class ModelUnavailableException extends org.photonzip.codec.PhotonzipException {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
