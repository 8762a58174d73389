package org.photonzip.tools.generate;

/** The standard normal distribution function, which the JDK lacks. */
final class Gaussian {
    private Gaussian() {}

    /** Φ(z) = P(Z ≤ z). Relative error below 1.2e-7 in both tails (so tiny tail masses stay accurate). */
    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** Φ(b) − Φ(a) for a ≤ b, computed in the tail where it is small to avoid cancellation. */
    static double mass(double a, double b) {
        return a > 0 ? cdf(-a) - cdf(-b) : cdf(b) - cdf(a);
    }

    static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Complementary error function; Chebyshev fit from Numerical Recipes (fractional error &lt; 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
