package org.photonzip.codec.map;

import static org.photonzip.codec.format.Verify.verify;

import org.photonzip.codec.entropy.BitReader;
import org.photonzip.codec.entropy.BitWriter;

/**
 * A bijection between the values a tile uses and dense indices {@code 0..maxIndex}, so the model codes in a
 * narrow range: an offset by the minimum for ordinary data, a table of the values used for sparse value sets
 * (lattices of rescaled or binned detectors, few-level images).
 */
public final class ValueMap {
    private static final int KIND_OFFSET = 0;
    private static final int KIND_TABLE = 1;

    private final int kind;
    private final int min;
    private final int maxIndex;
    /** Index → value, only for the table kind. */
    private final int[] values;

    private ValueMap(int kind, int min, int maxIndex, int[] values) {
        this.kind = kind;
        this.min = min;
        this.maxIndex = maxIndex;
        this.values = values;
    }

    /**
     * The offset map of a tile, never a table: what bounded coding uses, since its reconstructions may be
     * values the tile does not contain (a table holds only the values present) and its bounds are in counts.
     */
    public static ValueMap offsetOf(short[] samples) {
        int min = 65535;
        int max = 0;
        for (short s : samples) {
            int v = s & 0xFFFF;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new ValueMap(KIND_OFFSET, min, max - min, null);
    }

    /** Chooses the map for a tile from its value histogram. */
    public static ValueMap analyse(short[] samples) {
        int[] hist = new int[65536];
        for (short s : samples) {
            hist[s & 0xFFFF]++;
        }
        int min = 0;
        while (hist[min] == 0) {
            min++;
        }
        int max = 65535;
        while (hist[max] == 0) {
            max--;
        }
        int distinct = 0;
        for (int v = min; v <= max; v++) {
            if (hist[v] != 0) {
                distinct++;
            }
        }
        if (distinct > 1 && isSparseCore(hist, samples.length, min, max, distinct)) {
            int[] values = new int[distinct];
            for (int v = min, i = 0; v <= max; v++) {
                if (hist[v] != 0) {
                    values[i++] = v;
                }
            }
            return new ValueMap(KIND_TABLE, min, distinct - 1, values);
        }
        return new ValueMap(KIND_OFFSET, min, max - min, null);
    }

    /**
     * True when the bulk of the values (between the 1st and 99th percentile) leaves at least a quarter of its
     * span unused and the bits saved by coding indices instead of values, about {@code n·log2(span/used)},
     * clearly exceed the cost of the table. Natural noisy data fills its core densely; a table there would
     * only bend the linear relation the predictor relies on.
     */
    private static boolean isSparseCore(int[] hist, int n, int min, int max, int distinct) {
        if ((long) distinct * 2 > n) {
            return false;
        }
        long cut = n / 100;
        int lo = min;
        for (long acc = hist[lo]; acc <= cut && lo < max; acc += hist[++lo]) {
            // advance to the first percentile
        }
        int hi = max;
        for (long acc = hist[hi]; acc <= cut && hi > lo; acc += hist[--hi]) {
            // retreat to the 99th percentile
        }
        int used = 0;
        for (int v = lo; v <= hi; v++) {
            if (hist[v] != 0) {
                used++;
            }
        }
        int span = hi - lo + 1;
        if (used * 4L > span * 3L) {
            return false;
        }
        double savedBits = n * Math.log((double) span / used) / Math.log(2);
        long tableBits = 0;
        for (int v = min, prev = min; v <= max; v++) {
            if (hist[v] != 0 && v > min) {
                tableBits += 2L * (31 - Integer.numberOfLeadingZeros(v - prev)) + 1;
                prev = v;
            }
        }
        return savedBits > 2.0 * tableBits;
    }

    public int maxIndex() {
        return maxIndex;
    }

    /** Writes the indices of {@code samples} into {@code out}. */
    public void toIndices(short[] samples, short[] out) {
        if (kind == KIND_OFFSET) {
            for (int i = 0; i < samples.length; i++) {
                out[i] = (short) ((samples[i] & 0xFFFF) - min);
            }
            return;
        }
        int[] index = new int[65536];
        for (int i = 0; i < values.length; i++) {
            index[values[i]] = i;
        }
        for (int i = 0; i < samples.length; i++) {
            out[i] = (short) index[samples[i] & 0xFFFF];
        }
    }

    /** Replaces indices by values, in place. */
    public void toValues(short[] data) {
        if (kind == KIND_OFFSET) {
            if (min != 0) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (short) ((data[i] & 0xFFFF) + min);
                }
            }
            return;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) values[data[i] & 0xFFFF];
        }
    }

    /** The value of index {@code index} (clamped to the valid indices). */
    public int valueOf(int index) {
        int i = Math.max(0, Math.min(index, maxIndex));
        return kind == KIND_OFFSET ? i + min : values[i];
    }

    /** True for the offset kind, whose index + {@link #offset()} is the value. */
    public boolean isOffset() {
        return kind == KIND_OFFSET;
    }

    /** The value of index 0 (the tile's minimum). */
    public int offset() {
        return min;
    }

    public boolean isIdentity() {
        return kind == KIND_OFFSET && min == 0;
    }

    public void write(BitWriter w) {
        w.write(kind, 2);
        w.write(min, 16);
        if (kind == KIND_OFFSET) {
            w.write(maxIndex, 16);
            return;
        }
        w.writeGamma(values.length);
        for (int i = 1; i < values.length; i++) {
            w.writeGamma(values[i] - values[i - 1]);
        }
    }

    public static ValueMap read(BitReader r) {
        long offset = r.offset();
        int kind = r.read(2);
        int min = r.read(16);
        if (kind == KIND_OFFSET) {
            int maxIndex = r.read(16);
            verify(min + maxIndex <= 65535, offset, "value range " + min + "+" + maxIndex + " exceeds 65535");
            return new ValueMap(KIND_OFFSET, min, maxIndex, null);
        }
        verify(kind == KIND_TABLE, offset, "unknown value map kind " + kind);
        long countAt = r.offset();
        int count = r.readGamma();
        verify(count <= 65536 - min, countAt, "value table of " + count + " entries above " + min);
        int[] values = new int[count];
        values[0] = min;
        for (int i = 1; i < count; i++) {
            long gapAt = r.offset();
            long v = values[i - 1] + (long) r.readGamma();
            verify(v <= 65535, gapAt, "value table exceeds 65535");
            values[i] = (int) v;
        }
        return new ValueMap(KIND_TABLE, min, count - 1, values);
    }
}
