package org.photonzip.report;

import java.util.Locale;

/** Byte counts for people: 1.23 GB, 45.6 MB, 7.8 kB. */
public final class ArchiveBytes {
    private ArchiveBytes() {}

    public static String format(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f MB", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        return n + " B";
    }
}
