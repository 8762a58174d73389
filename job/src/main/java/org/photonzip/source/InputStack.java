package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.OrderedDataType;
import io.jhdf.object.message.DataLayout;
import io.jhdf.storage.HdfFileChannel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopChannel;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.hdf5.Hdf5TreeCopy;
import org.photonzip.hdf5.NativeCapture;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An input opened on the driver: an HDF5 / NeXus file (its stack dataset found or named) or a TIFF series, on any
 * Hadoop file system. It checks everything that can be checked before a task runs (the file exists, the dataset
 * exists and is a 3-D integer stack, the file is not truncated) and describes the stack for the executors
 * ({@link StackDescriptor}) and for the archive ({@link #captureMetadata}).
 */
public final class InputStack implements Closeable {
    /** Marks the stack's stand-in inside {@code metadata.h5}. */
    public static final String PLACEHOLDER_ATTRIBUTE = "photonzip_stack_placeholder";

    private final StackDescriptor descriptor;
    private final HdfFile hdf;       // null for TIFF
    private final Dataset dataset;   // null for TIFF
    private final List<AutoCloseable> opened; // channels and linked files to close with the input
    private java.nio.file.Path localFile;     // the HDF5 input on a local disk, which the HDF5 library can open

    private InputStack(StackDescriptor descriptor, HdfFile hdf, Dataset dataset, List<AutoCloseable> opened) {
        this.descriptor = descriptor;
        this.hdf = hdf;
        this.dataset = dataset;
        this.opened = opened;
    }

    /**
     * Opens {@code input} (a file, a directory or glob of TIFFs; plain path or Hadoop URI). {@code datasetPath}
     * names the HDF5 dataset, or is null to find it.
     *
     * @throws NoSuchFileException       when the input does not exist
     * @throws IOException               when it cannot be read (not HDF5 nor TIFF, truncated, broken link)
     * @throws IllegalArgumentException  when the dataset does not exist
     * @throws UnsupportedStackException when the dataset is not a 3-D 8/16-bit integer stack
     */
    public static InputStack open(String input, String datasetPath, Configuration conf) throws IOException {
        Path path = HadoopFiles.path(input);
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        if (TiffSeries.isGlob(path.getName())) {
            FileStatus[] matches = fs.globStatus(path);
            return tiff(TiffSeries.describe(input, datasetPath, matches == null ? new FileStatus[0] : matches, false,
                    conf));
        }
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(input, null, "no such file or directory");
        }
        if (status.isDirectory()) {
            return tiff(TiffSeries.describe(input, datasetPath, fs.listStatus(path), false, conf));
        }
        if (TiffSeries.isTiff(path, conf)) {
            return tiff(TiffSeries.describe(input, datasetPath, new FileStatus[]{status}, true, conf));
        }
        return hdf5(input, path, status.getLen(), datasetPath, conf);
    }

    private static InputStack tiff(StackDescriptor series) {
        return new InputStack(series, null, null, List.of());
    }

    private static InputStack hdf5(String input, Path path, long size, String datasetPath, Configuration conf)
            throws IOException {
        List<AutoCloseable> opened = new ArrayList<>();
        HdfFile hdf = null;
        try {
            boolean local = HadoopFiles.isLocal(path);
            if (local) {
                // Opened by path so that NeXus external links to other local files resolve.
                hdf = new HdfFile(HadoopFiles.localFile(path));
            } else {
                HadoopChannel channel = HadoopChannel.open(path, conf, null);
                opened.add(channel);
                hdf = new HdfFile(channel, path.toUri());
            }
            checkLength(hdf, input, size);
            Dataset ds;
            String found;
            Path holder;
            if (!local && datasetPath != null) {
                RemoteLinks.Resolved r = RemoteLinks.resolve(hdf, path, datasetPath, conf, opened);
                ds = r.dataset();
                found = datasetPath;
                holder = r.file();
            } else {
                Hdf5DatasetLocator.Found f = datasetPath == null ? Hdf5DatasetLocator.find(hdf)
                        : Hdf5DatasetLocator.byPath(hdf, datasetPath);
                ds = f.dataset();
                found = f.path();
                holder = local ? new Path(ds.getFileAsPath().toAbsolutePath().toUri()) : path;
            }
            String reason = Hdf5Types.unsupportedReason(ds);
            if (reason != null) {
                throw new UnsupportedStackException("Unsupported dataset " + input + ":" + found + ": " + reason);
            }
            DataLayout layout = ds.getDataLayout();
            if (layout != DataLayout.CONTIGUOUS && layout != DataLayout.CHUNKED && layout != DataLayout.COMPACT) {
                throw new UnsupportedStackException("Unsupported dataset " + input + ":" + found + ": "
                        + layout + " layout; archive the files it maps instead");
            }
            checkFill(ds, input + ":" + found);
            long holderSize = holder.equals(path) ? size
                    : HadoopFiles.fileSystem(holder, conf).getFileStatus(holder).getLen();
            long end = RawHdf5Layout.storageEnd(ds.getHdfFile(), ds);
            if (end > holderSize) {
                throw new IOException("Cannot read " + input + ":" + found + ": the file is truncated (its "
                        + "samples need bytes up to " + end + ", " + holder + " has " + holderSize + ")");
            }
            int[] dims = ds.getDimensions();
            int[] chunks = ds instanceof ChunkedDataset c ? c.getChunkDimensions() : null;
            List<String> filters = new ArrayList<>();
            for (PipelineFilterWithData f : ds.getFilters()) {
                filters.add(f.getName());
            }
            boolean big = ds.getDataType() instanceof OrderedDataType o && o.getByteOrder() == ByteOrder.BIG_ENDIAN;
            StackDescriptor d = new StackDescriptor(StackDescriptor.Kind.HDF5, input, holder.toString(), ds.getPath(),
                    found, dims[0], dims[1], dims[2], Hdf5Types.dtypeName(ds.getDataType()), big,
                    layout.name().toLowerCase(Locale.ROOT), chunks == null ? null : Arrays.copyOf(chunks, 3),
                    List.copyOf(filters), List.of(), holderSize, ds.getStorageInBytes());
            InputStack stack = new InputStack(d, hdf, ds, opened);
            stack.localFile = local ? HadoopFiles.localFile(path) : null;
            return stack;
        } catch (HdfException e) {
            closeQuietly(hdf, opened);
            throw new IOException("Cannot read HDF5 file " + input + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(hdf, opened);
            throw e;
        }
    }

    /**
     * Chunks never written read as the fill value. The raw reader applies it; jhdf's filtered reads give 0 instead,
     * so such a dataset is refused rather than archived with wrong pixels, as is a fill value no uint16 holds.
     */
    private static void checkFill(Dataset ds, String name) {
        long fill = RawHdf5Layout.fillValue(ds);
        long unwritten = fill == 0 ? 0 : RawHdf5Layout.unwrittenChunks(ds);
        if (unwritten == 0) {
            return;
        }
        String what = (unwritten < 0 ? "chunks never written" : unwritten + " chunk(s) never written")
                + ", which read as its fill value " + fill;
        if (fill < 0 || fill > 0xFFFF) {
            throw new UnsupportedStackException("Unsupported dataset " + name + ": " + what + ", no uint16 value");
        }
        if (!ds.getFilters().isEmpty() || unwritten < 0) {
            throw new UnsupportedStackException("Unsupported dataset " + name + ": " + what
                    + "; filtered chunks are read through jhdf, which does not apply fill values");
        }
    }

    /** A file shorter than its superblock's end-of-file address lost its tail (an interrupted copy). */
    private static void checkLength(HdfFile hdf, String input, long size) throws IOException {
        if (hdf.getHdfBackingStorage() instanceof HdfFileChannel channel) {
            long eof = channel.getSuperblock().getBaseAddressByte() + channel.getSuperblock().getEndOfFileAddress();
            if (eof > size) {
                throw new IOException("Cannot read " + input + ": the file is truncated (its superblock records "
                        + eof + " bytes, the file has " + size + ")");
            }
        }
    }

    public StackDescriptor descriptor() {
        return descriptor;
    }

    /** The open HDF5 file holding the stack (for its flats, darks and image_key), or null for TIFF. */
    public HdfFile hdf() {
        return hdf;
    }

    /** The stack dataset's own attributes as text (units, long_name, ...), for the summary; empty for TIFF. */
    public java.util.Map<String, String> stackAttributes() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        if (dataset == null) {
            return out;
        }
        try {
            dataset.getAttributes().forEach((name, a) -> {
                try {
                    Object v = a.getData();
                    out.put(name, v != null && v.getClass().isArray()
                            ? Arrays.deepToString(new Object[]{v}).replaceAll("^\\[|\\]$", "") : String.valueOf(v));
                } catch (HdfException e) {
                    out.put(name, "(unreadable: " + e.getMessage() + ")");
                }
            });
        } catch (HdfException e) {
            out.put("(attributes)", "unreadable: " + e.getMessage());
        }
        return out;
    }

    /**
     * Writes everything of the input except the stack's samples to {@code file} (a new local HDF5 file): all
     * groups, other datasets up to {@code maxDatasetBytes} each, attributes, and at the stack's path a one-sample
     * placeholder carrying the stack's attributes. For a TIFF series: a NeXus skeleton and the frames' file names.
     */
    public Hdf5TreeCopy.Report captureMetadata(java.nio.file.Path file, long maxDatasetBytes) {
        return captureMetadata(file, maxDatasetBytes, null);
    }

    /**
     * As above; a local HDF5 input is captured exactly by the HDF5 library ({@link NativeCapture}), handing the
     * datasets {@code samples} accepts to it. Remote inputs (and any where the library does not load) are captured
     * by jhdf (its writer's fidelity; no coding).
     */
    public Hdf5TreeCopy.Report captureMetadata(java.nio.file.Path file, long maxDatasetBytes,
                                               NativeCapture.SampleSink samples) {
        if (localFile != null && org.photonzip.hdf5.NativeHdf5.available()) {
            return NativeCapture.capture(localFile, descriptor.datasetPath(), file, PLACEHOLDER_ATTRIBUTE,
                    maxDatasetBytes, samples);
        }
        try (WritableHdfFile out = HdfFile.write(file)) {
            if (hdf == null) {
                return tiffSkeleton(out);
            }
            String stackId = identity(dataset);
            boolean[] written = new boolean[1];
            Hdf5TreeCopy.Report report = Hdf5TreeCopy.copy(hdf, out, new Hdf5TreeCopy.StackHook() {
                @Override
                public boolean isStack(Dataset candidate, String path) {
                    return identity(candidate).equals(stackId);
                }

                @Override
                public void write(Dataset stack, String path, WritableGroup parent, String name) {
                    stackPlaceholder(parent, name, path);
                    written[0] = true;
                }
            }, maxDatasetBytes);
            if (written[0]) {
                return report;
            }
            // The walk did not reach the stack (an external link it could not follow on this file system):
            // put the placeholder at the stack's path, which is not missing metadata.
            WritableGroup parent = out;
            String[] parts = descriptor.datasetPath().replaceAll("^/+", "").split("/+");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.getChild(parts[i]) instanceof WritableGroup g ? g : parent.putGroup(parts[i]);
            }
            stackPlaceholder(parent, parts[parts.length - 1], descriptor.datasetPath());
            List<String> skipped = new ArrayList<>();
            for (String s : report.skipped()) {
                if (!s.startsWith(descriptor.datasetPath() + ": ")) {
                    skipped.add(s);
                }
            }
            return new Hdf5TreeCopy.Report(report.groups(), report.datasets(), report.attributes(), List.copyOf(skipped));
        }
    }

    private void stackPlaceholder(WritableGroup parent, String name, String path) {
        WritableDataset placeholder = placeholder(parent, name);
        Hdf5TreeCopy.copyAttributesOf(dataset, placeholder, path, java.util.Set.of());
        placeholder.putAttribute(PLACEHOLDER_ATTRIBUTE, path);
    }

    private Hdf5TreeCopy.Report tiffSkeleton(WritableHdfFile out) {
        WritableGroup entry = out.putGroup("entry");
        entry.putAttribute("NX_class", "NXentry");
        entry.putAttribute("default", "data");
        WritableGroup data = entry.putGroup("data");
        data.putAttribute("NX_class", "NXdata");
        data.putAttribute("signal", "data");
        placeholder(data, "data").putAttribute(PLACEHOLDER_ATTRIBUTE, descriptor.datasetPath());
        String[] names = descriptor.tiffFiles().stream().map(u -> new Path(u).getName()).toArray(String[]::new);
        data.putDataset("source_files", names);
        return new Hdf5TreeCopy.Report(2, 1, 5, List.of());
    }

    private WritableDataset placeholder(WritableGroup parent, String name) {
        boolean unsigned = descriptor.dtype().startsWith("u");
        Object sample = descriptor.elementSize() == 1 ? new byte[1][1][1] : new short[1][1][1];
        return parent.putDataset(name, sample, unsigned ? io.jhdf.api.DatasetCreationOptions.builder().unsigned().build()
                : io.jhdf.api.DatasetCreationOptions.DEFAULT);
    }

    private static String identity(Dataset d) {
        return d.getFileAsPath() + "#" + d.getAddress();
    }

    @Override
    public void close() {
        closeQuietly(hdf, opened);
    }

    private static void closeQuietly(HdfFile hdf, List<AutoCloseable> opened) {
        List<AutoCloseable> all = new ArrayList<>();
        if (hdf != null) {
            all.add(hdf);
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            all.add(opened.get(i));
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Nothing was written through any of them; a failed close cannot lose data.
            }
        }
    }

    /** Creates a URI string for a local file, for tests and messages. */
    static String uri(java.nio.file.Path file) {
        return URI.create(file.toAbsolutePath().toUri().toString()).toString();
    }
}
