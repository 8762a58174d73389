package org.photonzip.archive;

/** A tile of a valid-looking archive failed its checks: its bytes, its stream, its identity or its samples. */
public class TileCheckException extends InvalidArchiveException {
    public TileCheckException(String message) {
        super(message);
    }

    public TileCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
