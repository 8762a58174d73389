package org.photonzip.restore;

/**
 * The part of a stack to restore: frames {@code [t0, t1)}, rows {@code [y0, y1)}, columns {@code [x0, x1)}.
 */
public record Region(int t0, int t1, int y0, int y1, int x0, int x1) {

    public static Region whole(int[] shape) {
        return new Region(0, shape[0], 0, shape[1], 0, shape[2]);
    }

    /**
     * The region {@code --frames A:B} and {@code --roi Y0:Y1,X0:X1} select in a stack of {@code shape}; either may
     * be null for all, and either end of a range may be left out ({@code 100:}, {@code :50}).
     */
    public static Region parse(String frames, String roi, int[] shape) {
        int[] t = range(frames, shape[0], "--frames", "frames");
        int[] y = {0, shape[1]};
        int[] x = {0, shape[2]};
        if (roi != null) {
            String[] parts = roi.split(",", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Invalid --roi " + roi + ": expected Y0:Y1,X0:X1");
            }
            y = range(parts[0], shape[1], "--roi", "rows");
            x = range(parts[1], shape[2], "--roi", "columns");
        }
        return new Region(t[0], t[1], y[0], y[1], x[0], x[1]);
    }

    private static int[] range(String spec, int size, String option, String axis) {
        if (spec == null) {
            return new int[] {0, size};
        }
        String[] ends = spec.trim().split(":", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException("Invalid " + option + " " + spec + ": expected A:B");
        }
        int a;
        int b;
        try {
            a = ends[0].isBlank() ? 0 : Integer.parseInt(ends[0].trim());
            b = ends[1].isBlank() ? size : Integer.parseInt(ends[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + option + " " + spec + ": expected A:B with integers");
        }
        if (a < 0 || b > size || a >= b) {
            throw new IllegalArgumentException("Invalid " + option + " " + spec + ": " + axis + " [" + a + ", " + b
                    + ") must be a non-empty range within [0, " + size + ")");
        }
        return new int[] {a, b};
    }

    public int[] dims() {
        return new int[] {t1 - t0, y1 - y0, x1 - x0};
    }

    public long samples() {
        return (long) (t1 - t0) * (y1 - y0) * (x1 - x0);
    }

    public boolean isWhole(int[] shape) {
        return t0 == 0 && y0 == 0 && x0 == 0 && t1 == shape[0] && y1 == shape[1] && x1 == shape[2];
    }
}
