package org.photonzip.specdecoder;

/** §3.4 and §3.5: a residual from its token (rANS) and its raw bits. */
final class Residuals {
    private final Tables tables;
    private final Rans rans;
    private final BitFields raw;

    Residuals(Tables tables, Rans rans, BitFields raw) {
        this.tables = tables;
        this.rans = rans;
        this.raw = raw;
    }

    int next(int c) {
        int tok = tables.token(c, rans);
        int k = Math.max(0, (c >> 2) - 4);
        int extra = tok < 16 ? 0 : ((tok - 16) >> 2) + 2;
        long field = extra + k == 0 ? 0 : raw.take(extra + k);
        long q;
        if (tok < 16) {
            q = tok;
        } else {
            int n = ((tok - 16) >> 2) + 4;
            q = ((4L | ((tok - 16) & 3)) << (n - 2)) + (field >> k);
        }
        long m = (q << k) | (field & ((1L << k) - 1));
        return (int) ((m & 1) == 0 ? m / 2 : -(m + 1) / 2);
    }

    void finish() {
        rans.finish();
        raw.finish();
    }
}
