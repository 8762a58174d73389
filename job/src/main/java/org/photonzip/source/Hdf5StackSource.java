package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A 3-D integer dataset of an HDF5 (or NeXus) file, read through jhdf one slab at a time: only the chunks a
 * {@link #read} overlaps are decoded. uint16 is read as is; uint8, and int8/int16 holding non-negative values,
 * are widened.
 */
public final class Hdf5StackSource implements StackSource {
    private final HdfFile file;
    private final Path path;
    private final Dataset dataset;
    private final String datasetPath;
    private final int frames;
    private final int height;
    private final int width;

    private Hdf5StackSource(HdfFile file, Path path, Dataset dataset, String datasetPath) {
        this.file = file;
        this.path = path;
        this.dataset = dataset;
        this.datasetPath = datasetPath;
        int[] dims = dataset.getDimensions();
        this.frames = dims[0];
        this.height = dims[1];
        this.width = dims[2];
    }

    /**
     * Opens {@code datasetPath} of {@code file}, or when it is null the file's projection dataset (see
     * {@link Hdf5DatasetLocator#find}).
     *
     * @throws NoSuchFileException        the file does not exist
     * @throws IOException                the file is not readable HDF5, or a link to the dataset is broken
     * @throws IllegalArgumentException   the dataset does not exist
     * @throws UnsupportedStackException  the dataset is not a 3-D 8/16-bit integer dataset
     */
    public static Hdf5StackSource open(Path file, String datasetPath) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such HDF5 file");
        }
        HdfFile hdf = openFile(file);
        try {
            Hdf5DatasetLocator.Found found = datasetPath == null
                    ? Hdf5DatasetLocator.find(hdf) : Hdf5DatasetLocator.byPath(hdf, datasetPath);
            String reason = Hdf5Types.unsupportedReason(found.dataset());
            if (reason != null) {
                throw new UnsupportedStackException("Unsupported dataset " + file + ":" + found.path() + ": " + reason);
            }
            return new Hdf5StackSource(hdf, file, found.dataset(), found.path());
        } catch (IOException | RuntimeException e) {
            hdf.close();
            if (e instanceof HdfException) {
                throw new IOException("Cannot read HDF5 file " + file + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** True when {@code file} is readable HDF5 and {@code datasetPath} names a dataset in it. */
    public static boolean hasDataset(Path file, String datasetPath) {
        try (HdfFile hdf = new HdfFile(file)) {
            return hdf.getByPath(datasetPath) instanceof Dataset;
        } catch (HdfException e) {
            return false;
        }
    }

    private static HdfFile openFile(Path file) throws IOException {
        try {
            return new HdfFile(file);
        } catch (HdfException e) {
            throw new IOException("Cannot read HDF5 file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The HDF5 file this stack is read from. */
    public Path file() {
        return path;
    }

    /** Path of the dataset as given, or as found when none was given. */
    public String datasetPath() {
        return datasetPath;
    }

    /** numpy-style element type of the dataset, e.g. {@code uint16}. */
    public String dtype() {
        return Hdf5Types.dtypeName(dataset.getDataType());
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public String description() {
        return path + ":" + datasetPath;
    }

    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, short[] dst) throws IOException {
        if (ReadChecks.checkBlock(this, t0, nt, y0, h, x0, w, dst) == 0) {
            return;
        }
        Object slab;
        try {
            slab = dataset.getData(new long[]{t0, y0, x0}, new int[]{nt, h, w});
        } catch (HdfException e) {
            throw new IOException("Cannot read " + description() + " frames [" + t0 + ", " + (t0 + nt) + ") rows ["
                    + y0 + ", " + (y0 + h) + ") columns [" + x0 + ", " + (x0 + w) + "): " + e.getMessage(), e);
        }
        long bad = Hdf5Samples.copy(slab, dst);
        if (bad >= 0) {
            int t = (int) (bad / ((long) h * w));
            int y = (int) (bad / w % h);
            int x = (int) (bad % w);
            throw new UnsupportedStackException("Unsupported value " + Hdf5Samples.valueAt(slab, t, y, x) + " at frame "
                    + (t0 + t) + " row " + (y0 + y) + " column " + (x0 + x) + " of " + description() + " (" + dtype()
                    + "): a uint16 stack holds 0..65535 only");
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
