package org.photonzip.codec.bound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-intensity bound of a noise-scaled error bound, computed with integer arithmetic only (normative, see
 * docs/tile-format.md §6): for each value {@code I = 0..65535},
 * <pre>
 *   V = (G·max(16·I − D, 0) + 16·R²) >> 12        σ² in units of 2^−8 counts²
 *   δ = min(65535, isqrt(Kq²·V) >> 12)             = ⌊K·σ⌋ in counts
 * </pre>
 * with {@code G}, {@code D}, {@code R} the model's fixed-point gain, dark and read noise and {@code Kq} the
 * fixed-point K. Every intermediate stays below 2^57, so 64-bit integers hold it exactly.
 */
final class BoundTable {
    private static final int CACHE_LIMIT = 64;
    private static final Map<ErrorBound.NoiseScaled, int[]> CACHE = new ConcurrentHashMap<>();

    private BoundTable() {}

    /** The bound of each value 0..65535 (shared; callers must not modify it). */
    static int[] of(ErrorBound.NoiseScaled bound) {
        int[] table = CACHE.get(bound);
        if (table == null) {
            table = compute(bound);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(bound, table);
        }
        return table;
    }

    static int[] compute(ErrorBound.NoiseScaled bound) {
        NoiseModel m = bound.model();
        long g = m.gainFixed();
        long d = m.darkFixed();
        long r = m.readFixed();
        long k2 = (long) bound.kFixed() * bound.kFixed();
        long read = 16 * r * r;
        int[] table = new int[ErrorBound.MAX_COUNTS + 1];
        for (int i = 0; i < table.length; i++) {
            long v = (g * Math.max(16L * i - d, 0) + read) >> 12;
            table[i] = (int) Math.min(ErrorBound.MAX_COUNTS, isqrt(k2 * v) >> 12);
        }
        return table;
    }

    /** ⌊√x⌋ for {@code x ≥ 0}, by the digit-by-digit method (no floating point). */
    static long isqrt(long x) {
        long root = 0;
        long bit = 1L << 62;
        while (bit > x) {
            bit >>= 2;
        }
        while (bit != 0) {
            if (x >= root + bit) {
                x -= root + bit;
                root = (root >> 1) + bit;
            } else {
                root >>= 1;
            }
            bit >>= 2;
        }
        return root;
    }
}
