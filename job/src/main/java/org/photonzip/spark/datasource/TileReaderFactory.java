package org.photonzip.spark.datasource;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.Tile;
import org.photonzip.fs.SerializableConfiguration;

/**
 * Decodes the tiles of a partition one at a time through {@link ArchiveReader#decodeTile} (CRC32C, stream identity
 * and pixel SHA-256 checked, as decompress does: a damaged tile fails the query, never yields rows), and yields the
 * frames of each the selection touches.
 */
final class TileReaderFactory implements PartitionReaderFactory {
    private final Broadcast<SerializableConfiguration> conf;
    private final StructType schema;
    private final boolean decodes;

    TileReaderFactory(Broadcast<SerializableConfiguration> conf, StructType schema) {
        this.conf = conf;
        this.schema = schema;
        this.decodes = Arrays.asList(schema.fieldNames()).contains("samples");
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        TilePartition p = (TilePartition) partition;
        return new PartitionReader<>() {
            private ArchiveReader reader;
            private final Iterator<TileRow> rows = p.rows().iterator();
            private TileRow row;
            private Tile tile;
            private boolean started;
            private int frame;
            private int end;
            private long decoded;

            @Override
            public boolean next() throws IOException {
                while (!started || ++frame >= end) {
                    if (!rows.hasNext()) {
                        return false;
                    }
                    row = rows.next();
                    started = true;
                    if (decodes) {
                        if (reader == null) {
                            reader =
                                    ArchiveReader.open(p.archive(), conf.value().get());
                        }
                        tile = reader.decodeTile(row);
                        decoded++;
                    }
                    frame = p.selection().firstFrame(row) - 1;
                    end = p.selection().endFrame(row);
                }
                return true;
            }

            @Override
            public InternalRow get() {
                return TileFrames.row(schema, p.archive(), p.dtype(), row, tile, frame, p.crop());
            }

            @Override
            public CustomTaskMetric[] currentMetricsValues() {
                return new CustomTaskMetric[] {TilesDecoded.of(decoded)};
            }

            @Override
            public void close() {
                tile = null;
            }
        };
    }
}
