package org.photonzip.job.night;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.job.archive.ArchiveLayout;
import org.photonzip.job.archive.CommitMarker;
import org.photonzip.job.fs.HadoopFiles;
import org.photonzip.job.fs.SerializableConfiguration;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of every file of a committed archive, for the night record: the packs are hashed by the executors in
 * parallel (one task per file), {@code _SUCCESS} on the driver (its hash is the archive's digest).
 */
final class ArchiveDigests {
    /** name -> [bytes, sha256] of every listed file, and the SHA-256 of {@code _SUCCESS}. */
    record Digests(Map<String, Object[]> files, String digest, long bytes) {
    }

    private ArchiveDigests() {
    }

    static Digests of(JavaSparkContext jsc, String archive, Broadcast<SerializableConfiguration> conf)
            throws IOException {
        Path root = HadoopFiles.path(archive);
        FileSystem fs = HadoopFiles.fileSystem(root, conf.value().get());
        byte[] marker;
        try (FSDataInputStream in = fs.open(new Path(root, ArchiveLayout.SUCCESS))) {
            marker = in.readAllBytes();
        }
        Map<String, Long> listed = CommitMarker.parse(marker, archive).files();
        List<String> names = new ArrayList<>(listed.keySet());
        String base = fs.makeQualified(root).toString();
        jsc.setJobDescription("photonzip sha256 " + archive);
        List<Tuple2<String, String>> hashes = names.isEmpty() ? List.of()
                : jsc.parallelize(names, Math.min(names.size(), Math.max(1, jsc.defaultParallelism() * 2)))
                .map(name -> {
                    Path p = new Path(base + "/" + name);
                    return new Tuple2<>(name, Sha256.of(HadoopFiles.fileSystem(p, conf.value().get()), p));
                }).collect();
        Map<String, Object[]> files = new TreeMap<>();
        long bytes = marker.length;
        for (Tuple2<String, String> h : hashes) {
            files.put(h._1(), new Object[]{listed.get(h._1()), h._2()});
            bytes += listed.get(h._1());
        }
        String digest = HexFormat.of().formatHex(Sha256.newDigest().digest(marker));
        return new Digests(files, digest, bytes);
    }
}
