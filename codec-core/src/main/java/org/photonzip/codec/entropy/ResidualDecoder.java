package org.photonzip.codec.entropy;

import org.photonzip.codec.format.Verify;

/** Decodes residuals written by {@link ResidualEncoder}, one per call, in coding order. */
public final class ResidualDecoder {
    private final FrequencyTables tables;
    private final byte[] lookup;
    private final RansDecoder rans;
    private final BitReader raw;

    public ResidualDecoder(FrequencyTables tables, RansDecoder rans, BitReader raw) {
        this.tables = tables;
        this.lookup = tables.decodeTable();
        this.rans = rans;
        this.raw = raw;
    }

    /** The next residual, coded in context {@code ctx}. */
    public int take(int ctx) {
        if (!tables.present[ctx]) {
            throw Verify.fail(rans.offset(), "context " + ctx + " used but has no frequency table");
        }
        int slot = rans.slot();
        int tok = lookup[(ctx << RansEncoder.PROB_BITS) | slot];
        int s = ctx * ResidualAlphabet.TOKENS + tok;
        rans.advance(tables.start[s], tables.freq[s]);
        int k = ResidualAlphabet.shift(ctx);
        int extra = ResidualAlphabet.extraBits(tok);
        int m;
        if (extra + k == 0) {
            m = tok;
        } else {
            int bits = raw.read(extra + k);
            m = ((ResidualAlphabet.base(tok) + (bits >>> k)) << k) | (bits & ((1 << k) - 1));
        }
        return ResidualAlphabet.unzigzag(m);
    }

    /** Checks that both sections were consumed exactly. */
    public void verifyEnd() {
        rans.verifyEnd();
        raw.verifyEnd("raw-bit section");
    }

    /** Offset in the stream of the entropy decoder's next unread word, where a bad residual is noticed. */
    public long offset() {
        return rans.offset();
    }
}
