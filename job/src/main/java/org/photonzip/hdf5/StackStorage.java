package org.photonzip.hdf5;

/**
 * Where each sample of a restored stack lives in the restore's staging file: chunks of {@code chunk} samples stored
 * one after another in row-major grid order from {@code dataAddress} (a dense file is one chunk, {@link #dense}).
 */
public record StackStorage(int[] dims, int[] chunk, int[] grid, long dataAddress, long chunkBytes, int elementSize) {

    /** Samples of shape {@code dims} stored densely in t, y, x order from offset 0 (a restore's staging file). */
    public static StackStorage dense(int[] dims, int elementSize) {
        return new StackStorage(dims.clone(), dims.clone(), new int[]{1, 1, 1}, 0,
                (long) dims[0] * dims[1] * dims[2] * elementSize, elementSize);
    }

    /** File offset of sample (t, y, x). */
    public long offset(int t, int y, int x) {
        long index = ((long) (t / chunk[0]) * grid[1] + y / chunk[1]) * grid[2] + x / chunk[2];
        long inside = (((long) (t % chunk[0]) * chunk[1] + y % chunk[1]) * chunk[2] + x % chunk[2]) * elementSize;
        return dataAddress + index * chunkBytes + inside;
    }

    /** How many samples from column {@code x} on stay contiguous in the file (to the end of the chunk's row). */
    public int runLength(int x) {
        return chunk[2] - x % chunk[2];
    }
}
