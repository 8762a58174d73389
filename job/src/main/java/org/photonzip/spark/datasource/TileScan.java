package org.photonzip.spark.datasource;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.spark.campaign.CampaignPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans a read on the driver: each archive is opened (commit record, summary and manifest checked as every
 * command does), and the tiles the selection touches are grouped by pack, {@link #TILES_PER_PARTITION} at most per
 * input partition, so partitions follow tiles, never file blocks.
 */
final class TileScan implements Scan, Batch {
    static final int TILES_PER_PARTITION = 16;

    private final List<String> paths;
    private final Selection selection;

    TileScan(List<String> paths, Selection selection) {
        this.paths = paths;
        this.selection = selection;
    }

    @Override
    public StructType readSchema() {
        return TileFrames.SCHEMA;
    }

    @Override
    public String description() {
        return "photonzip " + paths + " " + selection;
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        Configuration conf = SparkSession.active().sparkContext().hadoopConfiguration();
        List<InputPartition> partitions = new ArrayList<>();
        try {
            // "OUTPUT" only decides the names of restored files, which a read does not use.
            for (CampaignPlan.Item item : CampaignPlan.plan(paths, "/", conf).items()) {
                ArchiveReader reader = ArchiveReader.open(item.archive(), conf);
                Map<String, List<TileRow>> byPack = new TreeMap<>();
                reader.rows().stream().filter(selection::touches).sorted(Comparator.comparingLong(TileRow::offset))
                        .forEach(r -> byPack.computeIfAbsent(r.pack(), p -> new ArrayList<>()).add(r));
                for (List<TileRow> rows : byPack.values()) {
                    for (int i = 0; i < rows.size(); i += TILES_PER_PARTITION) {
                        partitions.add(new TilePartition(item.archive(), reader.summary().dtype(),
                                List.copyOf(rows.subList(i, Math.min(rows.size(), i + TILES_PER_PARTITION))),
                                selection));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return partitions.toArray(new InputPartition[0]);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(
                new SerializableConfiguration(jsc.hadoopConfiguration()));
        return new TileReaderFactory(conf);
    }
}
