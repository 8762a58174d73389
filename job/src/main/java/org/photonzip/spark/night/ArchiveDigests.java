package org.photonzip.spark.night;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.CommitMarker;
import org.photonzip.archive.FileEntry;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.fs.Sha256;
import scala.Tuple2;

/**
 * SHA-256 of every file of a committed archive, for the night record: taken from {@code _SUCCESS} where it lists
 * them (format version 2), else hashed by the executors in parallel (one task per file); the SHA-256 of
 * {@code _SUCCESS} itself is the archive's digest.
 */
final class ArchiveDigests {
    /** name -> [bytes, sha256] of every listed file, and the SHA-256 of {@code _SUCCESS}. */
    record Digests(Map<String, Object[]> files, String digest, long bytes) {}

    private ArchiveDigests() {}

    static Digests of(JavaSparkContext jsc, String archive, Broadcast<SerializableConfiguration> conf)
            throws IOException {
        Path root = HadoopFiles.path(archive);
        FileSystem fs = HadoopFiles.fileSystem(root, conf.value().get());
        byte[] marker;
        try (FSDataInputStream in = fs.open(new Path(root, ArchiveLayout.SUCCESS))) {
            marker = in.readAllBytes();
        }
        Map<String, FileEntry> listed = CommitMarker.parse(marker, archive).files();
        Map<String, Object[]> files = new TreeMap<>();
        long bytes = marker.length;
        List<String> unhashed = new ArrayList<>();
        for (Map.Entry<String, FileEntry> f : listed.entrySet()) {
            bytes += f.getValue().bytes();
            if (f.getValue().sha256() != null) { // written by the tasks and the driver as they wrote each file
                files.put(
                        f.getKey(),
                        new Object[] {f.getValue().bytes(), f.getValue().sha256()});
            } else {
                unhashed.add(f.getKey());
            }
        }
        String base = fs.makeQualified(root).toString();
        jsc.setJobDescription("photonzip sha256 " + archive);
        List<Tuple2<String, String>> hashes = unhashed.isEmpty()
                ? List.of()
                : jsc.parallelize(unhashed, Math.min(unhashed.size(), Math.max(1, jsc.defaultParallelism() * 2)))
                        .map(name -> {
                            Path p = new Path(base + "/" + name);
                            return new Tuple2<>(
                                    name,
                                    Sha256.of(
                                            HadoopFiles.fileSystem(
                                                    p, conf.value().get()),
                                            p));
                        })
                        .collect();
        for (Tuple2<String, String> h : hashes) {
            files.put(h._1(), new Object[] {listed.get(h._1()).bytes(), h._2()});
        }
        String digest = HexFormat.of().formatHex(Sha256.newDigest().digest(marker));
        return new Digests(files, digest, bytes);
    }
}
