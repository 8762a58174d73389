package org.photonzip.codec.model;

/**
 * Gathers the classical model's features at any position, handling tile borders: a neighbour outside the tile
 * takes the base value. Used for fitting and for border pixels; interior pixels take an inlined fast path in
 * {@link ClassicalCoder} that must compute exactly the same values.
 */
final class NeighbourhoodReader {
    private final short[] d;
    private final int h;
    private final int w;
    private final int plane;
    private final int mid;

    NeighbourhoodReader(short[] data, int height, int width, int maxIndex) {
        this.d = data;
        this.h = height;
        this.w = width;
        this.plane = height * width;
        this.mid = (maxIndex + 1) >>> 1;
    }

    /** Fills the inter-frame features of sample {@code i} (frame {@code t ≥ 1}) and returns the base. */
    int inter(int i, int t, int y, int x, int[] f) {
        int p = i - plane;
        int p1 = d[p] & 0xFFFF;
        f[0] = d[i - Math.min(2, t) * plane] & 0xFFFF;
        f[1] = d[i - Math.min(3, t) * plane] & 0xFFFF;
        f[2] = d[i - Math.min(4, t) * plane] & 0xFFFF;
        boolean west = x > 0;
        boolean north = y > 0;
        boolean east = x < w - 1;
        boolean south = y < h - 1;
        f[3] = west ? d[i - 1] & 0xFFFF : p1;
        f[4] = north ? d[i - w] & 0xFFFF : p1;
        f[5] = west && north ? d[i - w - 1] & 0xFFFF : p1;
        f[6] = east && north ? d[i - w + 1] & 0xFFFF : p1;
        f[7] = west ? d[p - 1] & 0xFFFF : p1;
        f[8] = north ? d[p - w] & 0xFFFF : p1;
        f[9] = east ? d[p + 1] & 0xFFFF : p1;
        f[10] = south ? d[p + w] & 0xFFFF : p1;
        f[11] = west && north ? d[p - w - 1] & 0xFFFF : p1;
        f[12] = east && north ? d[p - w + 1] & 0xFFFF : p1;
        for (int k = 0; k < ClassicalModel.INTER_FEATURES; k++) {
            f[k] -= p1;
        }
        return p1;
    }

    /** Fills the first-frame (spatial only) features of sample {@code i} and returns the base. */
    int intra(int i, int y, int x, int[] f) {
        boolean west = x > 0;
        boolean north = y > 0;
        int base = west ? d[i - 1] & 0xFFFF : north ? d[i - w] & 0xFFFF : mid;
        f[0] = north ? d[i - w] & 0xFFFF : base;
        f[1] = west && north ? d[i - w - 1] & 0xFFFF : base;
        f[2] = north && x < w - 1 ? d[i - w + 1] & 0xFFFF : base;
        f[3] = x > 1 ? d[i - 2] & 0xFFFF : base;
        f[4] = y > 1 ? d[i - 2 * w] & 0xFFFF : base;
        for (int k = 0; k < ClassicalModel.INTRA_FEATURES; k++) {
            f[k] -= base;
        }
        return base;
    }
}
