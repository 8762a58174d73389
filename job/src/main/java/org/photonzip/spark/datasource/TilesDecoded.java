package org.photonzip.spark.datasource;

import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The query's count of decoded tiles, summed over its tasks by Spark (shown with the scan in the SQL tab, and read by
 * tests from the executed plan): what pushdown and pruning saved, on a cluster as in local mode.
 */
public final class TilesDecoded extends CustomSumMetric {
    static final String NAME = "tilesDecoded";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "tiles decoded";
    }

    /** One task's count so far. */
    static CustomTaskMetric of(long decoded) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public long value() {
                return decoded;
            }
        };
    }
}
