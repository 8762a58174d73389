package org.photonzip.job.archive;

/** A path that is not a complete, readable archive, or an archive whose contents fail their checks. */
public class InvalidArchiveException extends RuntimeException {
    public InvalidArchiveException(String message) {
        super(message);
    }

    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
