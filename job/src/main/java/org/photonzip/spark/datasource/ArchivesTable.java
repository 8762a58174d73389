package org.photonzip.spark.datasource;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The archives a read names, as one table of tile frames. */
final class ArchivesTable implements SupportsRead {
    private final List<String> paths;

    ArchivesTable(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new TileScanBuilder(paths, options);
    }

    @Override
    public String name() {
        return "photonzip" + paths;
    }

    @Override
    public StructType schema() {
        return TileFrames.SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }
}
