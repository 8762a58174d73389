package org.photonzip.spark.campaign;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * A campaign's record, {@code OUTPUT/_restore/RUN.jsonl}: one JSON line per archive, written as soon as the
 * archive ends. Where files can be flushed while open (local disks, HDFS) each line is written in one call and
 * hflush'ed, so a killed driver leaves at most a torn last line; on object stores the file appears when the run
 * ends. The records of earlier runs say which outputs photonzip restored ({@link #restoredBefore}).
 */
final class RestoreLog implements Closeable {
    static final String DIRECTORY = "_restore";

    private final FileSystem fs;
    private final Path file;
    private final FSDataOutputStream stream;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();

    private RestoreLog(FileSystem fs, Path file, FSDataOutputStream stream) {
        this.fs = fs;
        this.file = file;
        this.stream = stream;
    }

    static RestoreLog open(String outputDirectory, String runId, Configuration conf) throws IOException {
        Path dir = new Path(HadoopFiles.path(outputDirectory), DIRECTORY);
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        fs.mkdirs(dir);
        Path file = fs.makeQualified(new Path(dir, runId + ".jsonl"));
        return new RestoreLog(fs, file, HadoopFiles.hasAtomicDirectoryRename(file) ? fs.create(file, false) : null);
    }

    /**
     * Output -> the last record of an earlier run that restored it (done or kept), from every record in
     * {@code OUTPUT/_restore} in run order (run ids begin with their UTC start time).
     */
    static Map<String, RestoreRecord> restoredBefore(String outputDirectory, Configuration conf) throws IOException {
        Path dir = new Path(HadoopFiles.path(outputDirectory), DIRECTORY);
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        FileStatus[] runs;
        try {
            runs = fs.listStatus(dir, p -> p.getName().endsWith(".jsonl"));
        } catch (FileNotFoundException e) {
            return Map.of();
        }
        Arrays.sort(runs, Comparator.comparing(s -> s.getPath().getName()));
        Map<String, RestoreRecord> restored = new HashMap<>();
        for (FileStatus run : runs) {
            String text;
            try (FSDataInputStream in = fs.open(run.getPath())) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            text.lines().map(RestoreRecord::parse).forEach(r -> {
                if (r != null && r.done() && r.outputSha256() != null) {
                    restored.put(r.output(), r);
                }
            });
        }
        return restored;
    }

    Path file() {
        return file;
    }

    void append(RestoreRecord r) throws IOException {
        byte[] line = r.toJsonLine();
        all.write(line);
        if (stream != null) {
            stream.write(line);
            stream.hflush();
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
    }
}
