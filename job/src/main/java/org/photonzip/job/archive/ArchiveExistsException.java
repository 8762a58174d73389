package org.photonzip.job.archive;

/** The archive path is taken and {@code --overwrite} was not given. */
public class ArchiveExistsException extends RuntimeException {
    public ArchiveExistsException(String message) {
        super(message);
    }
}
