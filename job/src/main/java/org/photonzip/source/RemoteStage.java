package org.photonzip.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.LocalFiles;
import org.photonzip.hdf5.NativeLinks;

/**
 * A remote HDF5 input (HDFS, S3, ...) staged on the driver's disk so that the HDF5 library, which opens local files
 * only, can capture its metadata exactly. Each file is a sparse copy of the source's length holding every byte but
 * the stack's samples (left as holes: the capture reads the stack's properties and attributes, never its
 * samples), at its remote path under the staging directory, so that the library resolves external links between
 * staged files as it does between the remote ones. The files that external links name are staged too, whole.
 * {@link #close} deletes everything staged.
 */
public final class RemoteStage implements AutoCloseable {
    /** Hadoop configuration key (or system property) of the directory to stage in; default: java.io.tmpdir. */
    public static final String DIR_KEY = "photonzip.capture.staging.dir";

    private static final int MAX_FILES = 4096;

    /** A remote input: its file and length when opened, the file holding the stack and its length. */
    record Source(Path file, long length, Path holder, long holderLength, Configuration conf) {}

    /** What staging cost: files staged, bytes copied, the staged files' total length, seconds. */
    public record Stats(int files, long bytesStaged, long sourceBytes, double seconds) {}

    private final java.nio.file.Path dir;
    private final Configuration conf;
    private final Map<Path, java.nio.file.Path> staged = new LinkedHashMap<>();
    private long bytesStaged;
    private long sourceBytes;
    private double seconds;

    private RemoteStage(java.nio.file.Path dir, Configuration conf) {
        this.dir = dir;
        this.conf = conf;
    }

    /** The directory that stages are made in: {@value #DIR_KEY} from {@code conf}, else the property, else tmpdir. */
    public static java.nio.file.Path baseDirectory(Configuration conf) {
        String dir = conf.get(DIR_KEY, System.getProperty(DIR_KEY, System.getProperty("java.io.tmpdir")));
        return java.nio.file.Path.of(dir).toAbsolutePath();
    }

    /**
     * Stages {@code source}'s file and the files its external links name, transitively; the byte ranges
     * {@code holes} of its holder (the file holding the stack) are left out.
     */
    static RemoteStage stage(Source source, long[][] holes) throws IOException {
        Path master = source.file();
        Path holder = source.holder();
        Configuration conf = source.conf();
        java.nio.file.Path base = baseDirectory(conf);
        java.nio.file.Path dir;
        try {
            Files.createDirectories(base);
            dir = Files.createTempDirectory(base, "photonzip-stage-");
        } catch (IOException e) {
            throw new IOException("Cannot stage " + master + " in " + base + ": " + e, e);
        }
        RemoteStage stage = new RemoteStage(dir, conf);
        long start = System.nanoTime();
        try {
            Deque<Path> queue = new ArrayDeque<>();
            Map<java.nio.file.Path, Path> aliases = new LinkedHashMap<>();
            queue.add(master);
            while (!queue.isEmpty()) {
                Path remote = queue.poll();
                java.nio.file.Path local = stage.localPath(remote);
                if (local == null || stage.staged.containsKey(remote)) {
                    continue;
                }
                long expected =
                        remote.equals(master) ? source.length() : remote.equals(holder) ? source.holderLength() : -1;
                if (!stage.copy(remote, expected, remote.equals(holder) ? holes : new long[0][], local)) {
                    continue; // a missing target: the capture keeps the link as it is and lists it
                }
                for (String target : targets(remote, local, remote.equals(master))) {
                    Path next = RemoteLinks.target(remote, target);
                    queue.add(next);
                    if (target.startsWith("/")) {
                        // The library looks for an absolute target (absent here) by its name beside the linking file.
                        aliases.put(local.resolveSibling(new Path(target).getName()), next);
                    }
                }
            }
            stage.alias(aliases);
            stage.seconds = (System.nanoTime() - start) / 1e9;
            return stage;
        } catch (IOException | RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    /**
     * The external links' targets in the staged {@code local}. A linked file the library cannot open is left as it
     * is (the capture keeps the link that names it and lists it as not captured, as for local files).
     */
    private static java.util.List<String> targets(Path remote, java.nio.file.Path local, boolean input)
            throws IOException {
        try {
            return NativeLinks.externalTargets(local);
        } catch (RuntimeException e) {
            if (!input) {
                return java.util.List.of();
            }
            throw new IOException("Cannot read HDF5 file " + remote + ": " + e.getMessage(), e);
        }
    }

    /** The staged copy of the input the stage was made for. */
    java.nio.file.Path master() {
        return staged.values().iterator().next();
    }

    java.nio.file.Path directory() {
        return dir;
    }

    public Stats stats() {
        return new Stats(staged.size(), bytesStaged, sourceBytes, seconds);
    }

    /** {@code message} with staged paths replaced by the remote ones they stand for. */
    String remoteNames(String message) {
        String m = String.valueOf(message);
        for (Map.Entry<Path, java.nio.file.Path> e : staged.entrySet()) {
            m = m.replace(e.getValue().toString(), e.getKey().toString());
        }
        return m;
    }

    /** Hard links to staged files where the library will look for them, unless something is already there. */
    private void alias(Map<java.nio.file.Path, Path> aliases) throws IOException {
        for (Map.Entry<java.nio.file.Path, Path> a : aliases.entrySet()) {
            java.nio.file.Path target = staged.get(a.getValue());
            if (target != null && a.getKey().startsWith(dir) && !Files.exists(a.getKey())) {
                Files.createLink(a.getKey(), target);
            }
        }
    }

    /** Where {@code remote} is staged: its path under the staging directory; null for one that would leave it. */
    private java.nio.file.Path localPath(Path remote) throws IOException {
        String path = remote.toUri().getPath();
        java.nio.file.Path local = dir.resolve(path.replaceAll("^/+", "")).normalize();
        if (!local.startsWith(dir) || local.equals(dir)) {
            return null;
        }
        if (staged.size() >= MAX_FILES) {
            throw new IOException(
                    "Cannot stage " + remote + ": its external links name more than " + MAX_FILES + " files");
        }
        return local;
    }

    /** Copies {@code remote} but for {@code holes} to {@code local}; false when it does not exist. */
    private boolean copy(Path remote, long expectedLength, long[][] holes, java.nio.file.Path local)
            throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(remote, conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(remote);
        } catch (FileNotFoundException e) {
            return false;
        }
        long length = status.getLen();
        if (status.isDirectory() || (expectedLength >= 0 && length != expectedLength)) {
            throw new IOException("Cannot stage " + remote + ": it changed since it was opened (" + expectedLength
                    + " bytes then, " + (status.isDirectory() ? "a directory" : length + " bytes") + " now)");
        }
        long needed = length;
        for (long[] h : holes) {
            needed -= Math.max(0, Math.min(h[1], length) - Math.min(h[0], length));
        }
        long free = Files.getFileStore(dir).getUsableSpace();
        if (needed > free) {
            throw new IOException("Cannot stage " + remote + " for metadata capture: it needs " + needed + " bytes in "
                    + dir + ", which has " + free + " free (set " + DIR_KEY + " to a larger disk)");
        }
        staged.put(remote, local);
        sourceBytes += length;
        try (FSDataInputStream in = fs.open(remote)) {
            bytesStaged += SparseCopy.copy(in, length, holes, local);
        } catch (IOException e) {
            throw new IOException("Cannot stage " + remote + " in " + dir + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Deletes the staging directory and everything in it. */
    @Override
    public void close() throws IOException {
        LocalFiles.deleteTree(dir);
    }
}
