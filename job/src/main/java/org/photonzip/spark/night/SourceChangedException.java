package org.photonzip.spark.night;

/** A source file changed while it was archived: the archive is not committed and the scan fails (exit 1). */
final class SourceChangedException extends RuntimeException {
    SourceChangedException(String message) {
        super(message);
    }
}
