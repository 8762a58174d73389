package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What the reconstruction check takes from the scan's metadata (the source's HDF5 file or the archive's
 * {@code metadata.h5}): rotation angles and flat and dark fields kept in datasets of their own. Angles: the
 * first 1-D dataset named rotation_angle, angles, angles_deg, theta or angle with one value per frame or per
 * projection; in radians when its {@code units} attribute says so, else degrees when the name or units say so
 * or the values span more than 2π, else radians. Flats and darks: datasets named flats / flat / data_white and darks / dark /
 * data_dark shaped (n, height, width) or (height, width); their mean over n, binned like the sinogram.
 * Flats and darks interleaved in the stack itself (NeXus {@code image_key}) are taken from the stack instead.
 */
public record ScanGeometry(double[] radians, double[][] flat, double[][] dark) {
    /**
     * Which part of the scan is wanted (the quality pass's plan): the stack's shape, the projections whose
     * angles are taken, the rows whose flat and dark fields are taken, their columns summed in bins.
     */
    public interface Sampling {
        int frames();

        int height();

        int width();

        int[] projections();

        int[] rows();

        int columnBin();

        int sinogramWidth();
    }

    private static final Set<String> ANGLES = Set.of("rotation_angle", "angles", "angles_deg", "theta", "angle");
    private static final Set<String> FLATS = Set.of("flats", "flat", "data_white");
    private static final Set<String> DARKS = Set.of("darks", "dark", "data_dark");

    /** Nothing known: uniform angles, flats and darks from the stack if any. */
    public static ScanGeometry none() {
        return new ScanGeometry(null, null, null);
    }

    /** Reads what {@code metadataH5} holds for {@code plan}; what it lacks or cannot read is left null. */
    public static ScanGeometry read(Path metadataH5, Sampling plan, String[] kinds) {
        try (HdfFile file = new HdfFile(metadataH5)) {
            return read(file, plan, kinds);
        } catch (RuntimeException e) {
            return none(); // unreadable metadata: the check still runs, with uniform angles
        }
    }

    /** The same from an open file (the source itself); each item that cannot be read is left null alone. */
    public static ScanGeometry read(HdfFile file, Sampling plan, String[] kinds) {
        return new ScanGeometry(
                attempt(() -> radians(find(file, ANGLES, d -> d.getDimensions().length == 1), plan, kinds)),
                attempt(() -> rows(find(file, FLATS, d -> fieldShaped(d, plan)), plan)),
                attempt(() -> rows(find(file, DARKS, d -> fieldShaped(d, plan)), plan)));
    }

    private static <T> T attempt(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return null; // absent or unreadable: the check goes on without it
        }
    }

    private static boolean fieldShaped(Dataset d, Sampling plan) {
        int[] s = d.getDimensions();
        int n = s.length;
        return (n == 2 || n == 3) && s[n - 2] == plan.height() && s[n - 1] == plan.width();
    }

    private static Dataset find(Group group, Set<String> names, java.util.function.Predicate<Dataset> ok) {
        for (Node node : group.getChildren().values()) {
            if (node instanceof Group g && !node.isLink()) {
                Dataset found = find(g, names, ok);
                if (found != null) {
                    return found;
                }
            } else if (node instanceof Dataset d
                    && !node.isLink()
                    && names.contains(node.getName().toLowerCase(Locale.ROOT))
                    && ok.test(d)) {
                return d;
            }
        }
        return null;
    }

    static double[] radians(Dataset d, Sampling plan, String[] kinds) {
        if (d == null) {
            return null;
        }
        double[] v = flatten(d.getData());
        int[] proj = plan.projections();
        double[] out = new double[proj.length];
        int projectionsInStack = 0;
        int[] ordinal = new int[plan.frames()];
        for (int t = 0; t < plan.frames(); t++) {
            ordinal[t] = projectionsInStack;
            projectionsInStack += kinds == null || "projection".equals(kinds[t]) ? 1 : 0;
        }
        boolean perFrame = v.length == plan.frames();
        if (!perFrame && v.length != projectionsInStack) {
            return null;
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int p = 0; p < proj.length; p++) {
            out[p] = v[perFrame ? proj[p] : ordinal[proj[p]]];
            lo = Math.min(lo, out[p]);
            hi = Math.max(hi, out[p]);
        }
        String units = units(d);
        boolean degrees = units.startsWith("rad")
                ? false
                : units.startsWith("deg") || d.getName().contains("deg") || hi - lo > 2 * Math.PI + 1e-3;
        if (degrees) {
            for (int p = 0; p < out.length; p++) {
                out[p] = Math.toRadians(out[p]);
            }
        }
        return out;
    }

    private static String units(Dataset d) {
        Attribute a = d.getAttributes().get("units");
        Object v = a == null ? null : a.getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) > 0) {
            v = Array.get(v, 0);
        }
        return v == null ? "" : v.toString().toLowerCase(Locale.ROOT).trim();
    }

    /** Mean over the field's frames of each planned row, columns summed in bins of {@code plan.columnBin()}. */
    static double[][] rows(Dataset d, Sampling plan) {
        if (d == null) {
            return null;
        }
        int[] s = d.getDimensions();
        int n = s.length == 3 ? s[0] : 1;
        int width = plan.sinogramWidth();
        double[][] out = new double[plan.rows().length][width];
        for (int r = 0; r < plan.rows().length; r++) {
            long[] offset = s.length == 3 ? new long[] {0, plan.rows()[r], 0} : new long[] {plan.rows()[r], 0};
            int[] shape = s.length == 3 ? new int[] {n, 1, plan.width()} : new int[] {1, plan.width()};
            double[] v = flatten(d.getData(offset, shape));
            for (int i = 0; i < v.length; i++) {
                int col = (i % plan.width()) / plan.columnBin();
                if (col < width) {
                    out[r][col] += v[i] / n;
                }
            }
        }
        return out;
    }

    static double[] flatten(Object data) {
        java.util.List<Double> values = new java.util.ArrayList<>();
        collect(data, values);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(Object data, java.util.List<Double> into) {
        if (data instanceof Number num) {
            into.add(num.doubleValue());
            return;
        }
        for (int i = 0; i < Array.getLength(data); i++) {
            collect(Array.get(data, i), into);
        }
    }
}
