package org.photonzip.hdf5;

/**
 * How one restored stack dataset stores its samples, as a restore needs it to write them: the chunk shape (null when
 * not chunked), the filters it can apply itself (null when the library must, or when not chunked), the element size
 * and whether the file's type is big-endian.
 */
public record StackLayout(int[] chunk, ChunkFilters filters, int elementSize, boolean bigEndian) {

    /** Whether the restore writes finished chunks itself ({@code H5Dwrite_chunk}) rather than through the library. */
    public boolean direct() {
        return chunk != null && filters != null;
    }

    /** Frames of one chunk (1 when not chunked). */
    public int chunkFrames() {
        return chunk == null ? 1 : chunk[0];
    }
}
