package org.photonzip.codec.entropy;

import static org.photonzip.codec.format.Verify.verify;

/**
 * One quantised token distribution per context, summing to {@link RansEncoder#PROB_SCALE}; serialised as
 * Elias-gamma codes. Contexts never used are absent from the stream and from the tables.
 */
public final class FrequencyTables {
    static final int CONTEXTS = ResidualAlphabet.CONTEXTS;
    static final int TOKENS = ResidualAlphabet.TOKENS;

    /** {@code freq[c*TOKENS+t]}, {@code start[c*TOKENS+t]}; all zero for an absent context. */
    final int[] freq = new int[CONTEXTS * TOKENS];

    final int[] start = new int[CONTEXTS * TOKENS];
    final boolean[] present = new boolean[CONTEXTS];

    /** Quantises token counts so that every token seen keeps a non-zero frequency. */
    public static FrequencyTables fromCounts(int[] counts) {
        FrequencyTables t = new FrequencyTables();
        for (int c = 0; c < CONTEXTS; c++) {
            t.normalise(counts, c);
        }
        t.computeStarts();
        return t;
    }

    private void normalise(int[] counts, int c) {
        int base = c * TOKENS;
        long total = 0;
        int used = 0;
        int largest = -1;
        for (int i = 0; i < TOKENS; i++) {
            int n = counts[base + i];
            total += n;
            if (n > 0) {
                used++;
                if (largest < 0 || n > counts[base + largest]) {
                    largest = i;
                }
            }
        }
        if (total == 0) {
            return;
        }
        present[c] = true;
        int sum = 0;
        for (int i = 0; i < TOKENS; i++) {
            int n = counts[base + i];
            int f = n == 0 ? 0 : (int) Math.max(1, (n * (long) RansEncoder.PROB_SCALE + total / 2) / total);
            freq[base + i] = f;
            sum += f;
        }
        // Absorb rounding in the largest frequency; if that would drop it below 1, take from the others.
        int excess = sum - RansEncoder.PROB_SCALE;
        int room = freq[base + largest] - 1;
        int take = Math.min(excess, room);
        freq[base + largest] -= take;
        excess -= take;
        for (int i = 0; excess > 0 && i < TOKENS; i++) {
            int spare = freq[base + i] - 1;
            if (spare > 0) {
                int d = Math.min(spare, excess);
                freq[base + i] -= d;
                excess -= d;
            }
        }
        assert used <= RansEncoder.PROB_SCALE;
    }

    private void computeStarts() {
        for (int c = 0; c < CONTEXTS; c++) {
            int s = 0;
            for (int i = 0; i < TOKENS; i++) {
                start[c * TOKENS + i] = s;
                s += freq[c * TOKENS + i];
            }
        }
    }

    public void write(BitWriter w) {
        for (int c = 0; c < CONTEXTS; c++) {
            w.write(present[c] ? 1 : 0, 1);
            if (!present[c]) {
                continue;
            }
            int last = TOKENS - 1;
            while (freq[c * TOKENS + last] == 0) {
                last--;
            }
            w.writeGamma(last + 1);
            for (int i = 0; i <= last; i++) {
                w.writeGamma(freq[c * TOKENS + i] + 1);
            }
        }
    }

    public static FrequencyTables read(BitReader r) {
        FrequencyTables t = new FrequencyTables();
        for (int c = 0; c < CONTEXTS; c++) {
            if (r.read(1) == 0) {
                continue;
            }
            t.present[c] = true;
            long at = r.offset();
            int count = r.readGamma();
            verify(
                    count <= TOKENS,
                    at,
                    "frequency table of context " + c + " has " + count + " tokens, at most " + TOKENS + " exist");
            int sum = 0;
            for (int i = 0; i < count; i++) {
                long fAt = r.offset();
                int f = r.readGamma() - 1;
                verify(f <= RansEncoder.PROB_SCALE, fAt, "frequency " + f + " out of range");
                t.freq[c * TOKENS + i] = f;
                sum += f;
            }
            verify(
                    sum == RansEncoder.PROB_SCALE,
                    at,
                    "frequencies of context " + c + " sum to " + sum + ", expected " + RansEncoder.PROB_SCALE);
        }
        t.computeStarts();
        return t;
    }

    /** Slot-to-token lookup for decoding, {@code PROB_SCALE} bytes per present context. */
    byte[] decodeTable() {
        byte[] lookup = new byte[CONTEXTS * RansEncoder.PROB_SCALE];
        for (int c = 0; c < CONTEXTS; c++) {
            if (!present[c]) {
                continue;
            }
            for (int i = 0; i < TOKENS; i++) {
                int s = start[c * TOKENS + i];
                int f = freq[c * TOKENS + i];
                java.util.Arrays.fill(
                        lookup, c * RansEncoder.PROB_SCALE + s, c * RansEncoder.PROB_SCALE + s + f, (byte) i);
            }
        }
        return lookup;
    }
}
