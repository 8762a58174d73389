package org.photonzip.archive;

import org.photonzip.codec.PhotonzipException;

/**
 * The commit step failed in a way that leaves its outcome unknown (the storage did not answer): nothing is cleaned
 * up, since the archive may be complete. Run {@code photonzip verify} on it.
 */
public class CommitStateUnknownException extends PhotonzipException {
    public CommitStateUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
