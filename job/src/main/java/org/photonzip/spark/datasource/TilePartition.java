package org.photonzip.spark.datasource;

import org.apache.spark.sql.connector.read.InputPartition;
import org.photonzip.archive.TileRow;

import java.util.List;

/** Tiles of one pack of one archive to decode, and the frames of them the query can touch. */
record TilePartition(String archive, String dtype, List<TileRow> rows, Selection selection) implements InputPartition {
}
