package org.photonzip.archive;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One file of an archive as the commit record lists it.
 *
 * @param bytes  its length
 * @param sha256 SHA-256 of its bytes (64 lowercase hex digits); null in a version-1 record, which held lengths only
 */
public record FileEntry(long bytes, String sha256) implements Serializable {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    static boolean isSha256(String s) {
        return s != null && HEX.matcher(s).matches();
    }
}
