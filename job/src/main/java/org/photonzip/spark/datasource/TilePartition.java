package org.photonzip.spark.datasource;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.photonzip.archive.TileRow;

/**
 * Tiles of one pack of one archive to decode, the frames of them the query can touch, the region rows are cut to
 * ({@code y0, y1, x0, x1}), and the hosts holding their bytes (where the file system says).
 */
record TilePartition(String archive, String dtype, List<TileRow> rows, Selection selection, int[] crop, String[] hosts)
        implements InputPartition {
    @Override
    public String[] preferredLocations() {
        return hosts;
    }
}
