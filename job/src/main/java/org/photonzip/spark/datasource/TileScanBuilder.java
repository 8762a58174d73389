package org.photonzip.spark.datasource;

import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Arrays;
import java.util.List;

/**
 * Pushes filters on {@code frame}, {@code y0} and {@code x0} down to the choice of tiles ({@link Selection}).
 * Every filter is also returned to Spark, which applies it to the rows: pushdown decides what is decoded, never
 * which rows are right.
 */
final class TileScanBuilder implements ScanBuilder, SupportsPushDownFilters {
    private final List<String> paths;
    private Selection selection = Selection.ALL;
    private Filter[] pushed = new Filter[0];

    TileScanBuilder(List<String> paths, CaseInsensitiveStringMap options) {
        this.paths = paths;
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

    @Override
    public Scan build() {
        return new TileScan(paths, selection);
    }
}
