package org.photonzip.codec.fuzz;

import java.util.Arrays;

/**
 * Ways to damage a stream: flip a bit, overwrite or delete a byte, truncate, insert a byte, or set a 32-bit
 * header field to an extreme (0, −1, 2^31 − 1, 2^31, or the fuzzer's value).
 */
final class Damage {
    static final int KINDS = 6;
    private static final int[] EXTREMES = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1};

    private Damage() {}

    /** One edit: {@code where} picks the position (modulo the length), {@code value} the new content. */
    record Edit(int kind, int where, int value) {
        byte[] apply(byte[] s) {
            if (s.length == 0) {
                return s;
            }
            int at = where % s.length;
            byte[] out;
            switch (kind) {
                case 0 -> {
                    out = s.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                }
                case 1 -> {
                    out = s.clone();
                    out[at] = (byte) value;
                }
                case 2 -> out = Arrays.copyOf(s, at);
                case 3 -> {
                    out = new byte[s.length - 1];
                    System.arraycopy(s, 0, out, 0, at);
                    System.arraycopy(s, at + 1, out, at, s.length - at - 1);
                }
                case 4 -> {
                    out = new byte[s.length + 1];
                    System.arraycopy(s, 0, out, 0, at);
                    out[at] = (byte) value;
                    System.arraycopy(s, at, out, at + 1, s.length - at);
                }
                default -> {
                    out = s.clone();
                    int field = 4 * ((where % 15) + 2);
                    if (field + 4 <= out.length) {
                        int v = (value & 0xFF) < EXTREMES.length * 40
                                ? EXTREMES[(value & 0xFF) % EXTREMES.length]
                                : value;
                        Reseal.putInt(out, field, v);
                    }
                }
            }
            return out;
        }

        /** True if the edit may change the samples' CRC field (bytes 20..23) or shift it. */
        boolean touchesSampleCrc(int length) {
            if (length == 0) {
                return false;
            }
            int at = where % length;
            return kind == 5 ? 4 * ((where % 15) + 2) == 20 : kind >= 2 ? at <= 23 : at >= 20 && at <= 23;
        }
    }

    static Edit edit(int kind, int where, int value) {
        return new Edit(kind, where, value);
    }
}
