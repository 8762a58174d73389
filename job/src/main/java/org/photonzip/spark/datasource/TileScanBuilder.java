package org.photonzip.spark.datasource;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Pushes filters on {@code frame}, {@code y0} and {@code x0} down to the choice of tiles ({@link Selection}).
 * Every filter is also returned to Spark, which applies it to the rows: pushdown decides what is decoded, never
 * which rows are right. The options {@code frames=A:B} and {@code roi=Y0:Y1,X0:X1} (as decompress's) keep the
 * tiles overlapping that part of each stack, and of them the frames in {@code [A, B)}; with {@code roi=} the rows
 * are cut to the region. Columns are pruned: a query that does not use {@code samples} (a count, the tiles' places)
 * reads the checked manifest only and decodes nothing.
 */
final class TileScanBuilder implements ScanBuilder, SupportsPushDownFilters, SupportsPushDownRequiredColumns {
    private final List<String> paths;
    private final String frames;
    private final String roi;
    private Selection selection = Selection.ALL;
    private Filter[] pushed = new Filter[0];
    private StructType schema = TileFrames.SCHEMA;

    TileScanBuilder(List<String> paths, CaseInsensitiveStringMap options) {
        this.paths = paths;
        this.frames = options.get("frames");
        this.roi = options.get("roi");
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        pushed = Arrays.stream(filters).filter(Selection::usable).toArray(Filter[]::new);
        for (Filter f : pushed) {
            selection = selection.and(f);
        }
        return filters;
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed;
    }

    /** Only the columns the query uses are built; a query without {@code samples} decodes no tile. */
    @Override
    public void pruneColumns(StructType required) {
        schema = required;
    }

    @Override
    public Scan build() {
        return new TileScan(paths, selection, frames, roi, schema);
    }
}
