package org.photonzip.tools.generate;

/**
 * Turns projected attenuation into transmitted intensity with in-line phase contrast. The attenuation is
 * first blurred by a 3×3 binomial kernel (source size and detector point-spread), then
 * {@code T = exp(-P) · (1 + κ ∇²P)}: the transport-of-intensity equation for a sample whose phase shift is
 * proportional to its attenuation, giving a bright fringe just outside each edge and a dark one just inside.
 */
final class EdgeOptics {
    /** The region the phantom touched must be widened by this many pixels (blur + Laplacian reach). */
    static final int MARGIN = 2;

    private EdgeOptics() {}

    /**
     * Computes the transmission inside {@code region} = {row0, row1, col0, col1} (half-open, already widened by
     * {@link #MARGIN} and clipped to the frame) from the attenuation {@code p}. Writes it to {@code out};
     * {@code p} is overwritten with the blurred attenuation. Outside the region the attenuation is zero, so
     * reading the region's own border in place of its outside is exact; at the frame border it replicates.
     */
    static void transmission(float[] p, float[] out, int[] region, int width, double kappa) {
        int r0 = region[0], r1 = region[1], c0 = region[2], c1 = region[3];
        // Horizontal [1 2 1]/4 into out (used as scratch). Edge columns clamp; the interior loop needs no
        // bounds logic, which lets the JIT vectorise it.
        for (int y = r0; y < r1; y++) {
            int row = y * width;
            out[row + c0] = horizontal(p, row, c0, c0, c1);
            for (int i = row + c0 + 1; i < row + c1 - 1; i++) {
                out[i] = 0.25f * (p[i - 1] + p[i + 1]) + 0.5f * p[i];
            }
            out[row + c1 - 1] = horizontal(p, row, c1 - 1, c0, c1);
        }
        // Vertical [1 2 1]/4 back into p.
        for (int y = r0; y < r1; y++) {
            int row = y * width;
            int up = Math.max(r0, y - 1) * width;
            int down = Math.min(r1 - 1, y + 1) * width;
            for (int x = c0; x < c1; x++) {
                p[row + x] = 0.25f * (out[up + x] + out[down + x]) + 0.5f * out[row + x];
            }
        }
        for (int y = r0; y < r1; y++) {
            int row = y * width;
            int up = Math.max(r0, y - 1) * width - row;
            int down = Math.min(r1 - 1, y + 1) * width - row;
            out[row + c0] = fringed(p, row + c0, up, down, row + c0, row + Math.min(c1 - 1, c0 + 1), kappa);
            for (int i = row + c0 + 1; i < row + c1 - 1; i++) {
                out[i] = fringed(p, i, up, down, i - 1, i + 1, kappa);
            }
            if (c1 - 1 > c0) {
                out[row + c1 - 1] = fringed(p, row + c1 - 1, up, down, row + c1 - 2, row + c1 - 1, kappa);
            }
        }
    }

    private static float horizontal(float[] p, int row, int x, int c0, int c1) {
        return 0.25f * (p[row + Math.max(c0, x - 1)] + p[row + Math.min(c1 - 1, x + 1)]) + 0.5f * p[row + x];
    }

    /** Transmission at {@code i} from the blurred attenuation; {@code up}/{@code down} are offsets to i. */
    private static float fringed(float[] p, int i, int up, int down, int left, int right, double kappa) {
        double center = p[i];
        double lap = p[i + up] + p[i + down] + p[left] + p[right] - 4 * center;
        // Pores that poke out of the grain can make the sum slightly negative: no material there.
        double attenuation = Math.max(0, center);
        double fringe = Math.min(3.0, Math.max(0.1, 1 + kappa * lap));
        return (float) (DetMath.exp(-attenuation) * fringe);
    }
}
