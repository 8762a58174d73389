package org.photonzip.spark.datasource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.restore.Region;
import org.photonzip.spark.campaign.CampaignPlan;

/**
 * Plans a read on the driver: each archive is opened (commit record, summary and manifest checked as every
 * command does), and the tiles the selection touches are grouped by pack, {@link #TILES_PER_PARTITION} at most per
 * input partition, so partitions follow tiles, never file blocks.
 */
final class TileScan implements Scan, Batch {
    static final int TILES_PER_PARTITION = 16;

    private final List<String> paths;
    private final Selection selection;
    private final String frames;
    private final String roi;
    private final StructType schema;

    TileScan(List<String> paths, Selection selection, String frames, String roi, StructType schema) {
        this.paths = paths;
        this.selection = selection;
        this.frames = frames;
        this.roi = roi;
        this.schema = schema;
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        return "photonzip " + paths + " " + selection + (frames == null ? "" : " frames=" + frames)
                + (roi == null ? "" : " roi=" + roi);
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return new CustomMetric[] {new TilesDecoded()};
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
                Region region = Region.parse(frames, roi, reader.summary().shape());
                Selection chosen = selection.frames(region.t0(), region.t1());
                Map<String, List<TileRow>> byPack = new TreeMap<>();
                reader.rows().stream()
                        .filter(chosen::touches)
                        .filter(r -> r.overlaps(
                                region.t0(), region.t1(), region.y0(), region.y1(), region.x0(), region.x1()))
                        .sorted(Comparator.comparingLong(TileRow::offset))
                        .forEach(r -> byPack.computeIfAbsent(r.pack(), p -> new ArrayList<>())
                                .add(r));
                for (List<TileRow> rows : byPack.values()) {
                    for (int i = 0; i < rows.size(); i += TILES_PER_PARTITION) {
                        List<TileRow> part =
                                List.copyOf(rows.subList(i, Math.min(rows.size(), i + TILES_PER_PARTITION)));
                        partitions.add(new TilePartition(
                                item.archive(),
                                reader.summary().dtype(),
                                part,
                                chosen,
                                new int[] {region.y0(), region.y1(), region.x0(), region.x1()},
                                hosts(reader, part)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return partitions.toArray(new InputPartition[0]);
    }

    /**
     * The hosts holding the first of the tiles' bytes (HDFS block locations); none on local disks (every executor
     * reads them alike) or where unknown.
     */
    private static String[] hosts(ArchiveReader reader, List<TileRow> rows) {
        try {
            TileRow first = rows.get(0);
            Path pack = ArchiveLayout.pack(reader.root(), first.pack());
            if (HadoopFiles.isLocal(pack)) {
                return new String[0];
            }
            FileSystem fs = HadoopFiles.fileSystem(pack, reader.conf());
            BlockLocation[] blocks = fs.getFileBlockLocations(pack, first.offset(), Math.max(1, first.length()));
            return blocks.length == 0 ? new String[0] : blocks[0].getHosts();
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext());
        Broadcast<SerializableConfiguration> conf =
                jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        return new TileReaderFactory(conf, schema);
    }
}
