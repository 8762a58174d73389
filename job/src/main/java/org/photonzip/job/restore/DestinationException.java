package org.photonzip.job.restore;

import java.io.IOException;

/** Writing the restored file failed (disk full, permissions): the destination's fault, never the archive's. */
final class DestinationException extends IOException {
    DestinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
