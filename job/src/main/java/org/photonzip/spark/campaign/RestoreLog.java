package org.photonzip.spark.campaign;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.JsonLinesRecord;

/**
 * A campaign's record, {@code OUTPUT/_restore/RUN.jsonl}: one JSON line per archive, written as soon as the
 * archive ends. Where files can be flushed while open (local disks, HDFS) each line is written in one call and
 * hflush'ed, so a killed driver leaves at most a torn last line. On object stores, where an object appears only
 * when closed, each line is also its own object ({@code _restore/RUN/NNNNN.json}, one PUT) until the whole file is
 * written at the end. The records of earlier runs, finished or not, say which outputs photonzip restored
 * ({@link #restoredBefore}).
 */
final class RestoreLog implements Closeable {
    static final String DIRECTORY = "_restore";

    private final JsonLinesRecord record;

    private RestoreLog(JsonLinesRecord record) {
        this.record = record;
    }

    static RestoreLog open(String outputDirectory, String runId, Configuration conf) throws IOException {
        return new RestoreLog(
                JsonLinesRecord.open(new Path(HadoopFiles.path(outputDirectory), DIRECTORY), runId, conf));
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
            runs = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return Map.of();
        }
        Arrays.sort(runs, Comparator.comparing(s -> s.getPath().getName()));
        Map<String, RestoreRecord> restored = new HashMap<>();
        for (FileStatus run : runs) {
            if (run.isDirectory()) { // the lines of a run on an object store that did not finish
                FileStatus[] lines =
                        fs.listStatus(run.getPath(), p -> p.getName().endsWith(".json"));
                Arrays.sort(lines, Comparator.comparing(s -> s.getPath().getName()));
                for (FileStatus line : lines) {
                    read(fs, line.getPath(), restored);
                }
            } else if (run.getPath().getName().endsWith(".jsonl")) {
                read(fs, run.getPath(), restored);
            }
        }
        return restored;
    }

    private static void read(FileSystem fs, Path file, Map<String, RestoreRecord> restored) throws IOException {
        String text;
        try (FSDataInputStream in = fs.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text.lines().map(RestoreRecord::parse).forEach(r -> {
            if (r != null && r.done() && r.outputSha256() != null) {
                restored.put(r.output(), r);
            }
        });
    }

    Path file() {
        return record.file();
    }

    void append(RestoreRecord r) throws IOException {
        record.append(r.toJsonLine());
    }

    @Override
    public void close() throws IOException {
        record.close();
    }
}
