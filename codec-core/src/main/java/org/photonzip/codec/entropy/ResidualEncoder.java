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
    /** Every residual, kept only by a {@link #recording} encoder (for inspection, not for coding). */
    private final int[] residuals;

    private FrequencyTables tables;
    private int n;

    public ResidualEncoder(int capacity) {
        this(capacity, false);
    }

    private ResidualEncoder(int capacity, boolean record) {
        contexts = new byte[capacity];
        tokens = new byte[capacity];
        raw = new BitWriter(capacity);
        residuals = record ? new int[capacity] : null;
    }

    /** An encoder that also keeps every residual, readable through {@link #residual(int)}. */
    public static ResidualEncoder recording(int capacity) {
        return new ResidualEncoder(capacity, true);
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
        if (residuals != null) {
            residuals[n] = residual;
        }
        counts[ctx * ResidualAlphabet.TOKENS + tok]++;
        n++;
    }

    /** Number of residuals appended. */
    public int size() {
        return n;
    }

    /** Appends the frequency tables to {@code tableOut} and returns the rANS payload and the raw bits. */
    public Sections finish(BitWriter tableOut) {
        tables = FrequencyTables.fromCounts(counts);
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

    /** Context of residual {@code i}. */
    public int context(int i) {
        return contexts[i];
    }

    /** Residual {@code i}; only for a {@link #recording} encoder. */
    public int residual(int i) {
        if (residuals == null) {
            throw new IllegalStateException("not a recording encoder");
        }
        return residuals[i];
    }

    /**
     * Bits spent on residuals {@code [from, to)} (their rANS and raw bits, not the tables or headers), known
     * once {@link #finish} has fixed the tables.
     */
    public double bits(int from, int to) {
        if (tables == null) {
            throw new IllegalStateException("tables are fixed by finish()");
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            int ctx = contexts[i];
            int tok = tokens[i];
            sum += RansEncoder.PROB_BITS
                    - Math.log(tables.freq[ctx * ResidualAlphabet.TOKENS + tok]) / LN2
                    + ResidualAlphabet.extraBits(tok)
                    + ResidualAlphabet.shift(ctx);
        }
        return sum;
    }

    private static final double LN2 = Math.log(2);

    /** The byte sections of a coded residual sequence besides its tables. */
    public record Sections(byte[] rans, byte[] raw) {}
}
