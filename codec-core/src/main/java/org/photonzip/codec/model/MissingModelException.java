package org.photonzip.codec.model;

import java.util.HexFormat;
import org.photonzip.codec.PhotonzipException;

/** A learned tile whose model file was not supplied: not corruption, a missing piece of the archive. */
public class MissingModelException extends PhotonzipException {
    private final String hash;

    public MissingModelException(byte[] sha256) {
        super("Cannot decode tile: it needs the learned model with SHA-256 "
                + HexFormat.of().formatHex(sha256) + ", which was not supplied");
        this.hash = HexFormat.of().formatHex(sha256);
    }

    public String hash() {
        return hash;
    }
}
