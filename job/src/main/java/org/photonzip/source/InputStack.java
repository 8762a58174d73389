package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.OrderedDataType;
import io.jhdf.object.message.DataLayout;
import io.jhdf.storage.HdfFileChannel;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopChannel;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.hdf5.Hdf5TreeCopy;
import org.photonzip.hdf5.NativeCapture;

/**
 * An input opened on the driver: an HDF5 / NeXus file (its stack dataset found or named) or a TIFF series, on any
 * Hadoop file system. It checks everything that can be checked before a task runs (the file exists, the dataset
 * exists and is a 3-D integer stack, the file is not truncated) and describes the stack for the executors
 * ({@link StackDescriptor}) and for the archive ({@link #captureMetadata}).
 */
public final class InputStack implements Closeable {
    /** Marks the stack's stand-in inside {@code metadata.h5}. */
    /** Opens in this JVM: a compress opens its input once on the driver (CompressOpensInputOnceTest). */
    private static final java.util.concurrent.atomic.AtomicLong OPENS = new java.util.concurrent.atomic.AtomicLong();

    /** How many times {@link #open} was called in this JVM. */
    public static long opens() {
        return OPENS.get();
    }

    /** Part of the archive format: {@code archive.ArchiveLayout.STACK_PLACEHOLDER} names it for readers. */
    public static final String PLACEHOLDER_ATTRIBUTE = "photonzip_stack_placeholder";

    private final StackDescriptor descriptor;
    private final HdfFile hdf; // null for TIFF
    private final Dataset dataset; // null for TIFF
    private final List<AutoCloseable> opened; // channels and linked files to close with the input
    private java.nio.file.Path localFile; // the HDF5 input on a local disk, which the HDF5 library can open
    private RemoteStage.Source remote; // the HDF5 input on another file system, staged for the library
    private RemoteStage.Stats staging; // what the last capture's staging cost, or null
    private Configuration referencesConf; // where a TIFF series' references are read from

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
        return open(input, datasetPath, TiffReferences.NONE, conf);
    }

    /**
     * As above, a TIFF series with the flat and dark fields and angles {@code refs} names beside its frames (each
     * checked: the fields are single images of the frames' size, the angles a list of numbers).
     *
     * @throws IllegalArgumentException also when {@code refs} is given for an HDF5 input, or is not as described
     */
    public static InputStack open(String input, String datasetPath, TiffReferences refs, Configuration conf)
            throws IOException {
        OPENS.incrementAndGet();
        InputStack opened = openPlain(input, datasetPath, conf);
        if (refs.isEmpty()) {
            return opened;
        }
        StackDescriptor d = opened.descriptor;
        if (d.kind() != StackDescriptor.Kind.TIFF) {
            opened.close();
            throw new IllegalArgumentException("Invalid options: --flats, --darks and --angles name the references of "
                    + "a TIFF series; " + input + " is HDF5, whose flats, darks and angles are captured from the file");
        }
        for (String f : refs.flats()) {
            TiffReferences.layout(f, d.height(), d.width(), conf);
        }
        for (String f : refs.darks()) {
            TiffReferences.layout(f, d.height(), d.width(), conf);
        }
        if (refs.angles() != null) {
            TiffReferences.angles(refs.angles(), conf);
        }
        InputStack withRefs = tiff(d.withReferences(refs));
        withRefs.referencesConf = conf;
        return withRefs;
    }

    private static InputStack openPlain(String input, String datasetPath, Configuration conf) throws IOException {
        Path path = HadoopFiles.path(input);
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        if (TiffSeries.isGlob(path.getName())) {
            FileStatus[] matches = fs.globStatus(path);
            return tiff(TiffSeries.describe(
                    input, datasetPath, matches == null ? new FileStatus[0] : matches, false, conf));
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
            return tiff(TiffSeries.describe(input, datasetPath, new FileStatus[] {status}, true, conf));
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
                Hdf5DatasetLocator.Found f;
                try {
                    f = datasetPath == null
                            ? Hdf5DatasetLocator.find(hdf)
                            : Hdf5DatasetLocator.byPath(hdf, datasetPath);
                } catch (io.jhdf.exceptions.HdfException e) {
                    // jhdf cannot load a group holding a virtual or externally stored dataset: say which and why
                    String elsewhere = local
                            ? org.photonzip.hdf5.StoredElsewhere.findIn(HadoopFiles.localFile(path), datasetPath)
                            : null;
                    if (elsewhere != null) {
                        throw new UnsupportedStackException("Unsupported dataset " + input + ": " + elsewhere
                                + "; archive the files it maps instead");
                    }
                    throw e;
                }
                if (local) {
                    String elsewhere = org.photonzip.hdf5.StoredElsewhere.at(HadoopFiles.localFile(path), f.path());
                    if (elsewhere != null) {
                        throw new UnsupportedStackException("Unsupported dataset " + input + ": " + elsewhere
                                + "; archive the files it maps instead");
                    }
                }
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
                throw new UnsupportedStackException("Unsupported dataset " + input + ":" + found + ": " + layout
                        + " layout; archive the files it maps instead");
            }
            checkFill(ds, input + ":" + found);
            long holderSize = holder.equals(path)
                    ? size
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
            StackDescriptor d = new StackDescriptor(
                    StackDescriptor.Kind.HDF5,
                    input,
                    holder.toString(),
                    ds.getPath(),
                    found,
                    dims[0],
                    dims[1],
                    dims[2],
                    Hdf5Types.dtypeName(ds.getDataType()),
                    big,
                    layout.name().toLowerCase(Locale.ROOT),
                    chunks == null ? null : Arrays.copyOf(chunks, 3),
                    List.copyOf(filters),
                    List.of(),
                    holderSize,
                    ds.getStorageInBytes(),
                    TiffReferences.NONE);
            InputStack stack = new InputStack(d, hdf, ds, opened);
            stack.localFile = local ? HadoopFiles.localFile(path) : null;
            stack.remote = local ? null : new RemoteStage.Source(path, size, holder, holderSize, conf);
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
            long eof = channel.getSuperblock().getBaseAddressByte()
                    + channel.getSuperblock().getEndOfFileAddress();
            if (eof > size) {
                throw new IOException("Cannot read " + input + ": the file is truncated (its superblock records " + eof
                        + " bytes, the file has " + size + ")");
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
                    out.put(
                            name,
                            v != null && v.getClass().isArray()
                                    ? Arrays.deepToString(new Object[] {v}).replaceAll("^\\[|\\]$", "")
                                    : String.valueOf(v));
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
    public Hdf5TreeCopy.Report captureMetadata(java.nio.file.Path file, long maxDatasetBytes) throws IOException {
        return captureMetadata(file, maxDatasetBytes, null);
    }

    /**
     * As above; an HDF5 input is captured exactly by the HDF5 library ({@link NativeCapture}), handing the
     * datasets {@code samples} accepts to it: a local one in place, a remote one from a {@link RemoteStage} on the
     * driver's disk (all of the file but the stack's samples). Where the library does not load, jhdf captures it
     * (its writer's fidelity; no coding).
     *
     * @throws IOException when a remote input cannot be staged (no space, unreadable) or its metadata is damaged
     */
    public Hdf5TreeCopy.Report captureMetadata(
            java.nio.file.Path file, long maxDatasetBytes, NativeCapture.SampleSink samples) throws IOException {
        if (hdf == null && !descriptor.references().isEmpty()) {
            return TiffScan.capture(descriptor, file, maxDatasetBytes, samples, referencesConf);
        }
        boolean library = hdf != null && org.photonzip.hdf5.NativeHdf5.available();
        if (localFile != null && library) {
            try {
                return NativeCapture.capture(
                        localFile, descriptor.datasetPath(), file, PLACEHOLDER_ATTRIBUTE, maxDatasetBytes, samples);
            } catch (hdf.hdf5lib.exceptions.HDF5Exception e) { // a file jhdf opened but the library refuses
                throw new IOException("Cannot read HDF5 file " + descriptor.input() + ": " + e.getMessage(), e);
            }
        }
        if (remote != null && library) {
            return captureStaged(file, maxDatasetBytes, samples);
        }
        return new JhdfCapture(descriptor, hdf, dataset).capture(file, maxDatasetBytes);
    }

    private Hdf5TreeCopy.Report captureStaged(
            java.nio.file.Path file, long maxDatasetBytes, NativeCapture.SampleSink samples) throws IOException {
        long[][] holes = RawHdf5Layout.storageRanges(dataset.getHdfFile(), dataset);
        try (RemoteStage stage = RemoteStage.stage(remote, holes)) {
            try {
                Hdf5TreeCopy.Report report = NativeCapture.capture(
                        stage.master(),
                        descriptor.datasetPath(),
                        file,
                        PLACEHOLDER_ATTRIBUTE,
                        maxDatasetBytes,
                        samples);
                staging = stage.stats();
                return report;
            } catch (hdf.hdf5lib.exceptions.HDF5Exception | IllegalStateException e) {
                throw new IOException(
                        "Cannot read HDF5 file " + descriptor.input() + ": " + stage.remoteNames(e.getMessage()), e);
            }
        }
    }

    /** What staging a remote input for the last {@link #captureMetadata} cost; null when nothing was staged. */
    public RemoteStage.Stats staging() {
        return staging;
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
