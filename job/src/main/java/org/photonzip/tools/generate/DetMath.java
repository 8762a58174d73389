package org.photonzip.tools.generate;

/**
 * Transcendental functions built from IEEE basic operations only, so that per-pixel results are the same bits
 * on every JVM and CPU ({@code Math.exp} may use intrinsics that differ by an ulp; {@code StrictMath.exp} is a
 * slow native call on Java 17). Accuracy (relative error below 1e-9) is far beyond what photon counts need.
 */
final class DetMath {
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;

    private DetMath() {}

    /** e^x for x in about [-700, 700]; returns 0 below and +inf above. */
    static double exp(double x) {
        if (x < -700) {
            return 0.0;
        }
        if (x > 700) {
            return Double.POSITIVE_INFINITY;
        }
        double n = Math.rint(x * INV_LN2);
        // Two-part ln 2 keeps r exact enough: |r| <= ln2/2.
        double r = (x - n * LN2_HI) - n * LN2_LO;
        // Taylor series to r^10 / 10!: truncation below 1e-12 relative on |r| <= 0.347.
        double p = 1.0
                + r
                        * (1.0
                                + r
                                        * (1.0 / 2
                                                + r
                                                        * (1.0 / 6
                                                                + r
                                                                        * (1.0 / 24
                                                                                + r
                                                                                        * (1.0 / 120
                                                                                                + r
                                                                                                        * (1.0 / 720
                                                                                                                + r
                                                                                                                        * (1.0
                                                                                                                                        / 5040
                                                                                                                                + r
                                                                                                                                        * (1.0
                                                                                                                                                        / 40320
                                                                                                                                                + r
                                                                                                                                                        * (1.0
                                                                                                                                                                        / 362880
                                                                                                                                                                + r
                                                                                                                                                                        * (1.0
                                                                                                                                                                                / 3628800))))))))));
        return p * Double.longBitsToDouble(((long) n + 1023) << 52);
    }
}
