package org.photonzip.archive;

import java.io.Serializable;
import java.util.List;

/**
 * What one compress task returns: the pack it wrote, as the commit record will list it (length and SHA-256,
 * computed while writing), and the manifest rows of the tiles in it.
 */
public record PackedTiles(String pack, FileEntry file, List<TileRow> rows) implements Serializable {}
