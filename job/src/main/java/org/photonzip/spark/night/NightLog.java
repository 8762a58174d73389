package org.photonzip.spark.night;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.JsonLinesRecord;

/**
 * The night's machine-readable record, {@code NIGHT/_night/RUN.jsonl}: one JSON line per scan, written as soon as
 * the scan ends. Where files can be flushed while open (local disks, HDFS) each line is written in one call and
 * hflush'ed, so a reader sees whole lines (a killed driver can leave at most a torn last line, without its
 * newline). On object stores, where an object appears only when closed, each line is also its own object
 * ({@code _night/RUN/NNNNN.json}, one PUT) until the whole file is written at the end.
 */
final class NightLog implements Closeable {
    static final String DIRECTORY = "_night";

    private final JsonLinesRecord record;

    private NightLog(JsonLinesRecord record) {
        this.record = record;
    }

    static NightLog open(String nightDirectory, String runId, Configuration conf) throws IOException {
        return new NightLog(JsonLinesRecord.open(new Path(HadoopFiles.path(nightDirectory), DIRECTORY), runId, conf));
    }

    Path file() {
        return record.file();
    }

    void append(ScanRecord r) throws IOException {
        record.append(r.toJsonLine());
    }

    @Override
    public void close() throws IOException {
        record.close();
    }
}
