package org.photonzip.spark.night;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.Sha256;
import org.photonzip.source.StackDescriptor;

/**
 * A raw file a scan was read from, as it was when the run first looked at it. "The source" of a scan is the
 * input file plus, for a NeXus master, the file its stack dataset links to; for a TIFF series, its frames and the
 * flat and dark fields and angles file named beside them.
 *
 * @param path   the file
 * @param bytes  its length
 * @param mtime  its modification time (ms)
 * @param sha256 its SHA-256, or null until computed
 */
public record SourceFile(String path, long bytes, long mtime, String sha256) {
    /** The files behind {@code stack}, stat'ed now. */
    static List<SourceFile> of(StackDescriptor stack, org.apache.hadoop.conf.Configuration conf) throws IOException {
        Set<String> paths = new LinkedHashSet<>();
        if (stack.kind() == StackDescriptor.Kind.TIFF) {
            paths.addAll(stack.tiffFiles());
            paths.addAll(stack.references().files());
        } else {
            paths.add(HadoopFiles.fileSystem(HadoopFiles.path(stack.input()), conf)
                    .makeQualified(HadoopFiles.path(stack.input()))
                    .toString());
            paths.add(stack.file());
        }
        List<SourceFile> files = new ArrayList<>();
        for (String p : paths) {
            files.add(stat(p, conf, null));
        }
        return files;
    }

    static SourceFile stat(String location, org.apache.hadoop.conf.Configuration conf, String sha256)
            throws IOException {
        Path path = new Path(location);
        FileStatus s = HadoopFiles.fileSystem(path, conf).getFileStatus(path);
        return new SourceFile(s.getPath().toString(), s.getLen(), s.getModificationTime(), sha256);
    }

    SourceFile hashed(org.apache.hadoop.conf.Configuration conf) throws IOException {
        Path p = new Path(path);
        FileSystem fs = HadoopFiles.fileSystem(p, conf);
        return new SourceFile(path, bytes, mtime, Sha256.of(fs, p));
    }

    /** Same length, modification time and (when both known) content hash. */
    boolean unchangedSince(SourceFile before) {
        return path.equals(before.path)
                && bytes == before.bytes
                && mtime == before.mtime
                && (sha256 == null || before.sha256 == null || Objects.equals(sha256, before.sha256));
    }
}
