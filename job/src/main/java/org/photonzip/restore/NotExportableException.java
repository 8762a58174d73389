package org.photonzip.restore;

import java.io.IOException;

/** An archive whose tiles cannot be an HDF5 dataset's chunks as they are (decompress still restores it). */
public final class NotExportableException extends IOException {
    public NotExportableException(String archive, String reason) {
        super("Cannot export " + archive + ": " + reason);
    }
}
