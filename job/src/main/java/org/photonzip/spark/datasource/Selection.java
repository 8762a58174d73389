package org.photonzip.spark.datasource;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.photonzip.archive.TileRow;

/**
 * The tiles and frames a query's filters on {@code frame}, {@code y0} and {@code x0} can touch: frames
 * {@code [t0, t1)}, tile origins {@code y0} in {@code [yLo, yHi]} and {@code x0} in {@code [xLo, xHi]}. Filters it
 * cannot use select everything; Spark still applies every filter to the rows, so this only ever narrows what is read.
 */
record Selection(long t0, long t1, long yLo, long yHi, long xLo, long xHi) implements Serializable {
    static final Selection ALL =
            new Selection(0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);

    /** True when {@code filter} narrows the selection (so it is reported as pushed). */
    static boolean usable(Filter filter) {
        return ALL.and(filter) != ALL;
    }

    Selection and(Filter f) {
        if (f instanceof And a) {
            return and(a.left()).and(a.right());
        }
        String column = f.references().length == 1 ? f.references()[0] : "";
        long[] range = range(f);
        if (range == null) {
            return this;
        }
        return switch (column) {
            case "frame" -> new Selection(Math.max(t0, range[0]), Math.min(t1, range[1] + 1), yLo, yHi, xLo, xHi);
            case "y0" -> new Selection(t0, t1, Math.max(yLo, range[0]), Math.min(yHi, range[1]), xLo, xHi);
            case "x0" -> new Selection(t0, t1, yLo, yHi, Math.max(xLo, range[0]), Math.min(xHi, range[1]));
            default -> this;
        };
    }

    /** The closed range of values a comparison of one column with numbers admits; null for other filters. */
    private static long[] range(Filter f) {
        if (f instanceof EqualTo e && e.value() instanceof Number n) {
            return new long[] {n.longValue(), n.longValue()};
        }
        if (f instanceof GreaterThan g && g.value() instanceof Number n) {
            return new long[] {n.longValue() + 1, Long.MAX_VALUE - 1};
        }
        if (f instanceof GreaterThanOrEqual g && g.value() instanceof Number n) {
            return new long[] {n.longValue(), Long.MAX_VALUE - 1};
        }
        if (f instanceof LessThan l && l.value() instanceof Number n) {
            return new long[] {Long.MIN_VALUE + 1, n.longValue() - 1};
        }
        if (f instanceof LessThanOrEqual l && l.value() instanceof Number n) {
            return new long[] {Long.MIN_VALUE + 1, n.longValue()};
        }
        if (f instanceof In in
                && in.values().length > 0
                && Arrays.stream(in.values()).allMatch(v -> v instanceof Number)) {
            long[] v = Arrays.stream(in.values())
                    .mapToLong(x -> ((Number) x).longValue())
                    .toArray();
            return new long[] {
                Arrays.stream(v).min().getAsLong(), Arrays.stream(v).max().getAsLong()
            };
        }
        return null;
    }

    /** This selection, with frames limited to {@code [a, b)} too. */
    Selection frames(long a, long b) {
        return new Selection(Math.max(t0, a), Math.min(t1, b), yLo, yHi, xLo, xHi);
    }

    boolean touches(TileRow r) {
        return r.t0() < t1
                && t0 < (long) r.t0() + r.frames()
                && yLo <= r.y0()
                && r.y0() <= yHi
                && xLo <= r.x0()
                && r.x0() <= xHi;
    }

    int firstFrame(TileRow r) {
        return (int) Math.max(r.t0(), t0);
    }

    int endFrame(TileRow r) {
        return (int) Math.min((long) r.t0() + r.frames(), t1);
    }
}
