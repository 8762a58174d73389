package org.photonzip.archive;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An archive's digest as a user or a catalogue gives it: the SHA-256 of its {@code _SUCCESS}, 64 hex digits,
 * optionally prefixed {@code sha256:} as {@code compress} and {@code info} print it.
 */
public final class ArchiveDigest {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "sha256:";

    private ArchiveDigest() {}

    /**
     * The digest in lowercase hex.
     *
     * @throws IllegalArgumentException when {@code given} is not a SHA-256
     */
    public static String parse(String given) {
        String hex = given.strip().toLowerCase(Locale.ROOT);
        if (hex.startsWith(PREFIX)) {
            hex = hex.substring(PREFIX.length());
        }
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("Invalid --digest " + given + ": expected a SHA-256, 64 hex digits "
                    + "(optionally prefixed sha256:), as compress prints it");
        }
        return hex;
    }
}
