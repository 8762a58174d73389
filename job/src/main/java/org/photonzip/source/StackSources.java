package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopChannel;
import org.photonzip.fs.HadoopFiles;

/**
 * Opens a stack from a {@link StackSpec}: an HDF5 / NeXus file or a TIFF series on any Hadoop file system,
 * optionally a frame range. It is the job's own reader ({@link InputStack} checks and describes the input,
 * {@link SlabReader} reads it), so bench, train and demo read exactly what compress archives.
 */
public final class StackSources {
    private StackSources() {}

    /**
     * Opens {@code PATH[:DATASET][@A:B]}, e.g. {@code scan.h5:/entry/data/data@100:3100},
     * {@code hdfs://nn/scans/scan.h5:/entry/data/data} or {@code tiffs/raw_*.tiff@0:50}, with the Hadoop
     * configuration a command gets ({@link HadoopFiles#newConfiguration()}).
     */
    public static StackSource open(String spec) throws IOException {
        return open(StackSpec.parse(spec));
    }

    public static StackSource open(StackSpec spec) throws IOException {
        return open(spec, HadoopFiles.newConfiguration());
    }

    /**
     * Opens {@code spec} with {@code conf}.
     *
     * @throws java.nio.file.NoSuchFileException when the input does not exist
     * @throws IOException                      when it cannot be read (not HDF5 nor TIFF, truncated, broken link)
     * @throws IllegalArgumentException         when the dataset or the frame range does not exist
     * @throws UnsupportedStackException        when the dataset is not a 3-D 8/16-bit integer stack
     */
    public static StackSource open(StackSpec spec, Configuration conf) throws IOException {
        StackDescriptor stack;
        try (InputStack input = InputStack.open(spec.path(), spec.dataset(), conf)) {
            stack = input.descriptor();
        }
        StackSource source = new SlabStackSource(stack, conf);
        if (!spec.hasRange()) {
            return source;
        }
        try {
            return FrameRangeSource.of(source, spec.first(), spec.end() < 0 ? source.frames() : spec.end());
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * True when {@code path} (any Hadoop path) is a readable HDF5 file with a dataset at {@code datasetPath}
     * (after following links); false when it is not, or is no file at all.
     */
    public static boolean hasDataset(String path, String datasetPath, Configuration conf) {
        Path p = HadoopFiles.path(path);
        try {
            if (!HadoopFiles.fileSystem(p, conf).getFileStatus(p).isFile()) {
                return false;
            }
            if (HadoopFiles.isLocal(p)) {
                try (HdfFile hdf = new HdfFile(HadoopFiles.localFile(p))) {
                    return isDataset(hdf.getByPath(datasetPath));
                }
            }
            try (HadoopChannel ch = HadoopChannel.open(p, conf, null);
                    HdfFile hdf = new HdfFile(ch, p.toUri())) {
                return isDataset(hdf.getByPath(datasetPath));
            }
        } catch (IOException | HdfException e) {
            return false;
        }
    }

    private static boolean isDataset(Node node) {
        return (node instanceof Link link ? link.getTarget() : node) instanceof Dataset;
    }
}
