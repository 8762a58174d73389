package org.photonzip.codec;

/**
 * Root of every exception photonzip raises on purpose: damaged or unsupported input, missing pieces. Anything
 * else escaping photonzip code is a bug. Unchecked, so that callers catch it where they can act on it.
 */
public class PhotonzipException extends RuntimeException {
    public PhotonzipException(String message) {
        super(message);
    }

    public PhotonzipException(String message, Throwable cause) {
        super(message, cause);
    }
}
