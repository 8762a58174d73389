package org.photonzip.archive;

/** A valid archive this build cannot read (written by a newer photonzip): not damage, but not readable here. */
public class UnsupportedArchiveException extends InvalidArchiveException {
    public UnsupportedArchiveException(String message) {
        super(message);
    }
}
