package org.photonzip.cli;

import java.util.Locale;

/** Parses sizes such as {@code 512m}, {@code 2g}, {@code 1048576}. */
final class Sizes {
    private Sizes() {}

    static long parse(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        if (last == 'b') {
            v = v.substring(0, v.length() - 1);
            last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        }
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            default -> {}
        }
        if (unit > 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "Invalid " + option + " " + value + ": expected a size such as 256m or 1g");
        }
    }
}
