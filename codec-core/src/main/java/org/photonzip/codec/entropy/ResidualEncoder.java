package org.photonzip.codec.entropy;

/**
 * Collects (context, residual) pairs in coding order, then writes the frequency tables, the rANS section and
 * the raw-bit section. Two passes are inherent to static-table rANS: the tables must be known before the
 * reverse-order encoding, and the decoder reads them first.
 */
public final class ResidualEncoder {
    private final byte[] contexts;
    private final byte[] tokens;
    private final int[] counts = new int[ResidualAlphabet.CONTEXTS * ResidualAlphabet.TOKENS];
    private final BitWriter raw;
    private int n;

    public ResidualEncoder(int capacity) {
        contexts = new byte[capacity];
        tokens = new byte[capacity];
        raw = new BitWriter(capacity);
    }

    /** Appends one residual coded in context {@code ctx}. */
    public void put(int ctx, int residual) {
        int m = ResidualAlphabet.zigzag(residual);
        int k = ResidualAlphabet.shift(ctx);
        int q = m >>> k;
        int tok = ResidualAlphabet.token(q);
        int extra = ResidualAlphabet.extraBits(tok);
        if (extra + k > 0) {
            raw.write(((q - ResidualAlphabet.base(tok)) << k) | (m & ((1 << k) - 1)), extra + k);
        }
        contexts[n] = (byte) ctx;
        tokens[n] = (byte) tok;
        counts[ctx * ResidualAlphabet.TOKENS + tok]++;
        n++;
    }

    /** Number of residuals appended. */
    public int size() {
        return n;
    }

    /** Appends the frequency tables to {@code tableOut} and returns the rANS payload and the raw bits. */
    public Sections finish(BitWriter tableOut) {
        FrequencyTables tables = FrequencyTables.fromCounts(counts);
        tables.write(tableOut);
        RansEncoder rans = new RansEncoder(n / 2 + 64);
        int[] freq = tables.freq;
        int[] start = tables.start;
        for (int i = n - 1; i >= 0; i--) {
            int s = contexts[i] * ResidualAlphabet.TOKENS + tokens[i];
            rans.put(start[s], freq[s]);
        }
        return new Sections(rans.finish(), raw.toByteArray());
    }

    /** The byte sections of a coded residual sequence besides its tables. */
    public record Sections(byte[] rans, byte[] raw) {
    }
}
