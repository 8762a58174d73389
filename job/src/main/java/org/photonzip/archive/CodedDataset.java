package org.photonzip.archive;

import java.util.List;

/**
 * A dataset other than the stack (flats, darks, ...) whose samples are coded in {@code metadata-samples.pz}
 * (docs/archive-format.md §5.1), as summary.json's {@code metadata.coded} records it: where it is in metadata.h5,
 * its type and shape, the SHA-256 of all its samples, and its parts.
 */
public record CodedDataset(String path, String dtype, int[] shape, String sha256, List<Part> parts) {
    public CodedDataset {
        shape = shape.clone();
        parts = List.copyOf(parts);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** One tile stream: frames [t0, t0 + frames) × rows [y0, y0 + rows) × all columns, at its place in the file. */
    public record Part(int t0, int frames, int y0, int rows, long offset, long length, String sha256) {}
}
