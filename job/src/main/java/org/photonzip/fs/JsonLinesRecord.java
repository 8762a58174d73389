package org.photonzip.fs;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's record, {@code DIR/RUN.jsonl}, one JSON line per item written as soon as the item ends (the night's and
 * the campaign's records). Where files can be flushed while open (local disks, HDFS) each line is written in one
 * call and hflush'ed, so a killed driver leaves whole lines and at most a torn last one. On object stores, where an
 * object appears only when closed, each line is also its own object ({@code DIR/RUN/NNNNN.json}, one PUT) until the
 * whole file is written at the end.
 */
public final class JsonLinesRecord implements Closeable {
    private final FileSystem fs;
    private final Path file;
    private final Path parts;
    private final FSDataOutputStream stream;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private int lines;

    private JsonLinesRecord(FileSystem fs, Path file, Path parts, FSDataOutputStream stream) {
        this.fs = fs;
        this.file = file;
        this.parts = parts;
        this.stream = stream;
    }

    /** Creates {@code dir} if needed and {@code dir/RUN.jsonl} (refused if it exists: run ids are unique). */
    public static JsonLinesRecord open(Path dir, String runId, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(dir, conf);
        fs.mkdirs(dir);
        Path file = fs.makeQualified(new Path(dir, runId + ".jsonl"));
        if (HadoopFiles.hasAtomicDirectoryRename(file)) {
            return new JsonLinesRecord(fs, file, null, fs.create(file, false));
        }
        return new JsonLinesRecord(fs, file, new Path(dir, runId), null);
    }

    public Path file() {
        return file;
    }

    /** {@code line}: one JSON object and its newline. */
    public void append(byte[] line) throws IOException {
        all.write(line);
        lines++;
        if (stream != null) {
            stream.write(line);
            stream.hflush();
            return;
        }
        try (FSDataOutputStream out =
                fs.create(new Path(parts, String.format(Locale.ROOT, "%05d.json", lines)), true)) {
            out.write(line);
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
