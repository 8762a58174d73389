package org.photonzip.restore;

import org.photonzip.codec.PhotonzipException;

/** The restore's output could not be written (disk full, permission denied, ...): the destination's fault. */
public class DestinationException extends PhotonzipException {
    public DestinationException(String output, Throwable cause) {
        super("Cannot write " + output + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                cause);
    }
}
