package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

/** §3.3: per context, the frequencies of the 68 tokens, summing to 4096, or absent. */
final class Tables {
    static final int CONTEXTS = 72;
    static final int TOKENS = 68;
    private final int[][] freq = new int[CONTEXTS][];

    static Tables read(BitFields in) {
        Tables t = new Tables();
        for (int c = 0; c < CONTEXTS; c++) {
            if (in.take(1) == 0) {
                continue;
            }
            long listed = in.gamma();
            require(listed <= TOKENS, "too many tokens in context " + c);
            int[] f = new int[TOKENS];
            long sum = 0;
            for (int i = 0; i < listed; i++) {
                long v = in.gamma() - 1;
                require(v <= 4096, "frequency above 4096");
                f[i] = (int) v;
                sum += v;
            }
            require(sum == 4096, "frequencies of context " + c + " sum to " + sum);
            t.freq[c] = f;
        }
        return t;
    }

    /** Decodes one token of context {@code c}. */
    int token(int c, Rans rans) {
        int[] f = freq[c];
        require(f != null, "context " + c + " has no table");
        int slot = rans.slot();
        int start = 0;
        for (int tok = 0; tok < TOKENS; tok++) {
            if (slot < start + f[tok]) {
                rans.consume(start, f[tok]);
                return tok;
            }
            start += f[tok];
        }
        throw new AssertionError("frequencies sum to 4096, so some token holds every slot");
    }
}
