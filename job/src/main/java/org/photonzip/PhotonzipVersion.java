package org.photonzip;

/**
 * photonzip's version, the one place it is written: {@code -V} prints it and every archive's summary.json records
 * it as {@code photonzip_version}. docs/archive-format.md §11 says which archive format each version writes.
 */
public final class PhotonzipVersion {
    /** The version that writes archive format 2 (docs/archive-format.md §11). */
    public static final String NUMBER = "0.2.0";

    private PhotonzipVersion() {}
}
