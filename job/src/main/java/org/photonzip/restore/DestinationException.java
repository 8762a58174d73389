package org.photonzip.restore;

import org.photonzip.codec.PhotonzipException;

/** The restore's output could not be written (disk full, permission denied, ...): the destination's fault. */
public class DestinationException extends PhotonzipException {
    public DestinationException(String output, Throwable cause) {
        super(
                "Cannot write " + output + ": "
                        + oneLine(cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                cause);
    }

    /** The HDF5 library's messages span lines (its error stack): one line for the command's report. */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Throws {@code e} as the destination's failure when it is about a file in {@code dir} (the restore's working
     * directory, beside the output: a full disk there is the output's), else {@code e} itself.
     * Declared to return, so callers can write {@code throw rethrow(...)}.
     */
    static RuntimeException rethrow(String output, java.nio.file.Path dir, java.nio.file.FileSystemException e)
            throws java.io.IOException {
        if (e.getFile() != null && java.nio.file.Path.of(e.getFile()).startsWith(dir)) {
            throw new DestinationException(
                    output, new java.io.IOException(e.getReason() == null ? e.toString() : e.getReason(), e));
        }
        throw e;
    }
}
