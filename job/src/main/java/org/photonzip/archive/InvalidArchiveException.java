package org.photonzip.archive;

import org.photonzip.codec.PhotonzipException;

/**
 * A path that is not a complete, readable archive, or an archive whose files fail their checks: the message
 * names the file, the tile and the field.
 */
public class InvalidArchiveException extends PhotonzipException {
    public InvalidArchiveException(String message) {
        super(message);
    }

    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
