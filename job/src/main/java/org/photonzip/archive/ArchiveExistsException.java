package org.photonzip.archive;

import org.photonzip.codec.PhotonzipException;

/** The archive path is taken and {@code --overwrite} was not given. */
public class ArchiveExistsException extends PhotonzipException {
    public ArchiveExistsException(String message) {
        super(message);
    }
}
