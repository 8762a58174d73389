package org.photonzip.spark.night;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.Locale;

/**
 * The night's machine-readable record, {@code NIGHT/_night/RUN.jsonl}: one JSON line per scan, written as soon as
 * the scan ends. Where files can be flushed while open (local disks, HDFS) each line is written in one call and
 * hflush'ed, so a reader sees whole lines (a killed driver can leave at most a torn last line, without its
 * newline). On object stores, where an object appears only when closed, each line is also its own object
 * ({@code _night/RUN/NNNNN.json}, one PUT) until the whole file is written at the end.
 */
final class NightLog implements Closeable {
    static final String DIRECTORY = "_night";

    private final FileSystem fs;
    private final Path file;
    private final Path parts;
    private final FSDataOutputStream stream;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private int lines;

    private NightLog(FileSystem fs, Path file, Path parts, FSDataOutputStream stream) {
        this.fs = fs;
        this.file = file;
        this.parts = parts;
        this.stream = stream;
    }

    static NightLog open(String nightDirectory, String runId, Configuration conf) throws IOException {
        Path dir = new Path(HadoopFiles.path(nightDirectory), DIRECTORY);
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        fs.mkdirs(dir);
        Path file = fs.makeQualified(new Path(dir, runId + ".jsonl"));
        if (HadoopFiles.hasAtomicDirectoryRename(file)) {
            return new NightLog(fs, file, null, fs.create(file, false));
        }
        return new NightLog(fs, file, new Path(dir, runId), null);
    }

    Path file() {
        return file;
    }

    void append(ScanRecord r) throws IOException {
        byte[] line = r.toJsonLine();
        all.write(line);
        lines++;
        if (stream != null) {
            stream.write(line);
            stream.hflush();
        } else {
            try (FSDataOutputStream out = fs.create(new Path(parts, String.format(Locale.ROOT, "%05d.json", lines)),
                    true)) {
                out.write(line);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
            return;
        }
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(all.toByteArray());
        }
        fs.delete(parts, true);
    }
}
