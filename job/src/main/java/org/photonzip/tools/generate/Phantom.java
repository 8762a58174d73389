package org.photonzip.tools.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A 3-D sample made of ellipsoids and vertical cylinders: a glass capillary holding an ellipsoidal grain with
 * dense inclusions and pores, and a fibre. It rotates about the vertical axis through the detector centre.
 *
 * <p>Coordinates are normalised: x and z (the beam direction) in units of the frame width, y in units of the
 * frame height, origin at the frame centre. Scaling x and z alike commutes with the rotation, so the sample
 * stays a rigid body whatever the aspect ratio. Line integrals are exact: the chord of a ray through a
 * quadric is a square root of a quadratic in the detector coordinates.
 */
final class Phantom {
    /** One body: {@code (p-c)ᵀ M (p-c) ≤ 1}, optionally cut to {@code |y-cy| ≤ halfHeight}. */
    private record Body(double cx, double cy, double cz, double[] m, double halfHeight, double mu) {}

    private final List<Body> bodies;

    private Phantom(List<Body> bodies) {
        this.bodies = bodies;
    }

    /** The phantom drawn from {@code rng}: same random sequence, same sample. */
    static Phantom random(Rng rng) {
        List<Body> bodies = new ArrayList<>();
        // Capillary wall: a thin-walled tube spanning the whole height, centred on the rotation axis.
        double tubeMu = 1.2;
        bodies.add(cylinder(0, 0, 0, 0.300, Double.POSITIVE_INFINITY, tubeMu));
        bodies.add(cylinder(0, 0, 0, 0.285, Double.POSITIVE_INFINITY, -tubeMu));

        // The grain, slightly off-axis so that it wobbles as it turns.
        double mainMu = 2.2;
        double a = rng.uniform(0.20, 0.24);
        double b = rng.uniform(0.33, 0.40);
        double c = rng.uniform(0.13, 0.17);
        double[] q = rotation(rng.uniform(0, Math.PI), rng.uniform(-0.15, 0.15), 0);
        double mx = rng.uniform(-0.02, 0.02);
        double my = rng.uniform(-0.04, 0.04);
        double mz = rng.uniform(-0.02, 0.02);
        bodies.add(ellipsoid(mx, my, mz, new double[] {a, b, c}, q, mainMu));

        int inclusions = 6 + rng.nextInt(4);
        for (int i = 0; i < inclusions; i++) {
            // A point well inside the grain, in the grain's own frame, rotated into place.
            double[] local = {rng.uniform(-0.55, 0.55) * a, rng.uniform(-0.6, 0.6) * b, rng.uniform(-0.55, 0.55) * c};
            double[] p = apply(q, local);
            double r = rng.uniform(0.015, 0.05);
            double[] axes = {r * rng.uniform(0.6, 1.4), r * rng.uniform(0.6, 1.4), r * rng.uniform(0.6, 1.4)};
            double[] qi = rotation(rng.uniform(0, Math.PI), rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5));
            // Pores remove (part of) the grain's attenuation; dense grains add to it.
            double mu = rng.nextDouble() < 0.4 ? -mainMu * rng.uniform(0.6, 1.0) : rng.uniform(1.5, 3.5);
            bodies.add(ellipsoid(mx + p[0], my + p[1], mz + p[2], axes, qi, mu));
        }

        double phi = rng.uniform(0, 2 * Math.PI);
        double rad = rng.uniform(0.08, 0.15);
        bodies.add(cylinder(
                rad * StrictMath.cos(phi),
                rng.uniform(-0.2, 0.2),
                rad * StrictMath.sin(phi),
                rng.uniform(0.012, 0.025),
                rng.uniform(0.15, 0.35),
                3.0));
        return new Phantom(List.copyOf(bodies));
    }

    private static Body cylinder(double cx, double cy, double cz, double radius, double halfHeight, double mu) {
        double k = 1 / (radius * radius);
        // No y terms: the quadric is unbounded vertically, the half-height cuts it.
        return new Body(cx, cy, cz, new double[] {k, 0, 0, 0, 0, 0, 0, 0, k}, halfHeight, mu);
    }

    private static Body ellipsoid(double cx, double cy, double cz, double[] axes, double[] q, double mu) {
        // M = Q diag(1/a²) Qᵀ
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += q[3 * i + k] * q[3 * j + k] / (axes[k] * axes[k]);
                }
                m[3 * i + j] = s;
            }
        }
        return new Body(cx, cy, cz, m, Double.POSITIVE_INFINITY, mu);
    }

    /** Ry(yaw)·Rx(tilt)·Rz(roll), row-major. */
    private static double[] rotation(double yaw, double tilt, double roll) {
        double[] ry = {
            StrictMath.cos(yaw), 0, StrictMath.sin(yaw), 0, 1, 0, -StrictMath.sin(yaw), 0, StrictMath.cos(yaw)
        };
        double[] rx = {
            1, 0, 0, 0, StrictMath.cos(tilt), -StrictMath.sin(tilt), 0, StrictMath.sin(tilt), StrictMath.cos(tilt)
        };
        double[] rz = {
            StrictMath.cos(roll), -StrictMath.sin(roll), 0, StrictMath.sin(roll), StrictMath.cos(roll), 0, 0, 0, 1
        };
        return multiply(multiply(ry, rx), rz);
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    private static double[] apply(double[] q, double[] v) {
        return new double[] {
            q[0] * v[0] + q[1] * v[1] + q[2] * v[2],
            q[3] * v[0] + q[4] * v[1] + q[5] * v[2],
            q[6] * v[0] + q[7] * v[1] + q[8] * v[2]
        };
    }

    /**
     * Adds the projected attenuation (line integral of μ along the beam) at rotation angle {@code theta}
     * (radians) to {@code p} (height × width, row-major).
     *
     * @return the touched region {@code {row0, row1, col0, col1}} (half-open), or {@code null} if none
     */
    int[] project(double theta, float[] p, int height, int width) {
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        int[] region = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (Body body : bodies) {
            projectBody(body, cos, sin, p, height, width, region);
        }
        return region[0] > region[1] ? null : new int[] {region[0], region[1] + 1, region[2], region[3] + 1};
    }

    private static void projectBody(Body body, double cos, double sin, float[] p, int height, int width, int[] region) {
        // Rotation about y by theta: R = [[c,0,s],[0,1,0],[-s,0,c]]; M' = R M Rᵀ, centre' = R centre.
        double[] r = {cos, 0, sin, 0, 1, 0, -sin, 0, cos};
        double[] rt = {cos, 0, -sin, 0, 1, 0, sin, 0, cos};
        double[] m = multiply(multiply(r, body.m()), rt);
        double cx = cos * body.cx() + sin * body.cz();
        double cy = body.cy();
        double mxx = m[0], mxy = m[1], mxz = m[2], myy = m[4], myz = m[5], mzz = m[8];
        // Chord along z through (qx, qy): 2/sqrt(A) * sqrt(1 - (α qx² + 2β qx qy + γ qy²)/A), A = M'zz.
        double aInv = 1 / mzz;
        double alpha = (mzz * mxx - mxz * mxz) * aInv;
        double beta = (mzz * mxy - mxz * myz) * aInv;
        double gamma = (mzz * myy - myz * myz) * aInv;
        double scale = body.mu() * 2 / Math.sqrt(mzz);
        double invWidth = 1.0 / width;
        for (int y = 0; y < height; y++) {
            double qy = (y + 0.5) / height - 0.5 - cy;
            if (Math.abs(qy) > body.halfHeight()) {
                continue;
            }
            // inside(qx) = 1 - alpha qx² - 2 beta qy qx - gamma qy²; solve inside > 0 for the column span.
            double b2 = beta * qy;
            double c2 = gamma * qy * qy - 1;
            double disc = b2 * b2 - alpha * c2;
            if (disc <= 0) {
                continue;
            }
            double sq = Math.sqrt(disc);
            double lo = (-b2 - sq) / alpha + cx + 0.5;
            double hi = (-b2 + sq) / alpha + cx + 0.5;
            int x0 = Math.max(0, (int) Math.ceil(lo * width - 0.5));
            int x1 = Math.min(width - 1, (int) Math.floor(hi * width - 0.5));
            if (x0 > x1) {
                continue;
            }
            int row = y * width;
            double qx0 = 0.5 * invWidth - 0.5 - cx;
            for (int x = x0; x <= x1; x++) {
                double qx = qx0 + x * invWidth;
                double inside = -(alpha * qx * qx + 2 * b2 * qx + c2);
                if (inside > 0) {
                    p[row + x] += (float) (scale * Math.sqrt(inside));
                }
            }
            region[0] = Math.min(region[0], y);
            region[1] = Math.max(region[1], y);
            region[2] = Math.min(region[2], x0);
            region[3] = Math.max(region[3], x1);
        }
    }
}
