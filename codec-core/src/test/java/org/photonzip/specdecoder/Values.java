package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

/** §3.1: the value map from indices 0..maxIndex to sample values. */
final class Values {
    final int maxIndex;
    private final int[] table;

    private Values(int maxIndex, int[] table) {
        this.maxIndex = maxIndex;
        this.table = table;
    }

    static Values read(BitFields in) {
        int kind = (int) in.take(2);
        int min = (int) in.take(16);
        if (kind == 0) {
            int maxIndex = (int) in.take(16);
            require(min + maxIndex <= 65535, "offset map beyond 65535");
            int[] table = new int[maxIndex + 1];
            for (int i = 0; i <= maxIndex; i++) {
                table[i] = min + i;
            }
            return new Values(maxIndex, table);
        }
        require(kind == 1, "value map kind " + kind);
        long n = in.gamma();
        require(n <= 65536 - min, "value table too long");
        int[] table = new int[(int) n];
        table[0] = min;
        for (int i = 1; i < n; i++) {
            long v = table[i - 1] + in.gamma();
            require(v <= 65535, "value table beyond 65535");
            table[i] = (int) v;
        }
        return new Values((int) n - 1, table);
    }

    int value(int index) {
        return table[index];
    }
}
