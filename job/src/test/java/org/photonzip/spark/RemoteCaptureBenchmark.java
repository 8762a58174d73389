package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.hdf5.MetadataSamples;
import org.photonzip.source.InputStack;
import org.photonzip.source.RemoteStage;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;

/**
 * Figures for remote metadata capture (docs/benchmarks.md), not a test: a generated stack with flats and darks on
 * an in-process HDFS, its metadata captured from HDFS (staged) and from the local file, alternately, in one run.
 * Run with {@code mvn -o -q -pl job -am test -Dtest=RemoteCaptureBenchmark -Dphotonzip.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (size: {@code -Dphotonzip.bench.frames=256 .height=512 .width=512}).
 */
@EnabledIfSystemProperty(named = "photonzip.bench", matches = "true")
class RemoteCaptureBenchmark {
    private static final int ROUNDS = 3;

    @Test
    void remoteAgainstLocalCapture(@TempDir java.nio.file.Path dir) throws Exception {
        int frames = Integer.getInteger("photonzip.bench.frames", 256);
        int height = Integer.getInteger("photonzip.bench.height", 512);
        int width = Integer.getInteger("photonzip.bench.width", 512);
        java.nio.file.Path file = dir.resolve("bench.h5");
        new Hdf5StackWriter(false, true, 2, null)
                .write(
                        new StackGenerator(GeneratorConfig.builder()
                                .frames(frames)
                                .height(height)
                                .width(width)
                                .seed(7)
                                .flats(20)
                                .darks(20)
                                .build()),
                        file);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        conf.set("dfs.datanode.hostname", "127.0.0.1");
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            String hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/bench/bench.h5";
            cluster.getFileSystem().copyFromLocalFile(new Path(file.toUri()), new Path(hdfs));
            conf.set(
                    RemoteStage.DIR_KEY,
                    Files.createDirectories(dir.resolve("staging")).toString());
            System.out.printf(
                    Locale.ROOT,
                    "file %d bytes (%d x %d x %d uint16, 20 flats, 20 darks)%n",
                    Files.size(file),
                    frames,
                    height,
                    width);
            for (int round = 1; round <= ROUNDS; round++) {
                double local = capture(file.toString(), conf, dir, "local", round);
                double remote = capture(hdfs, conf, dir, "hdfs", round);
                System.out.printf(Locale.ROOT, "round %d: hdfs / local capture time = %.2f%n", round, remote / local);
            }
        } finally {
            cluster.shutdown(true);
        }
    }

    private static double capture(String input, Configuration conf, java.nio.file.Path dir, String name, int round)
            throws Exception {
        java.nio.file.Path out = Files.createTempDirectory(dir, name);
        long start = System.nanoTime();
        RemoteStage.Stats staged;
        long stack;
        long coded;
        try (InputStack in = InputStack.open(input, null, conf);
                OutputStream samples = Files.newOutputStream(out.resolve(MetadataSamples.FILE))) {
            MetadataSamples sink = new MetadataSamples(samples);
            in.captureMetadata(out.resolve("metadata.h5"), 1L << 30, sink);
            staged = in.staging();
            stack = in.descriptor().storedBytes();
            coded = sink.bytes();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (staged != null) {
            assertEquals(staged.sourceBytes() - stack, staged.bytesStaged(), "only the stack is left out");
        }
        System.out.printf(
                Locale.ROOT,
                "round %d %-5s: %.2f s, metadata.h5 %d bytes, metadata-samples.pz %d bytes%s%n",
                round,
                name,
                seconds,
                Files.size(out.resolve("metadata.h5")),
                coded,
                staged == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", staged %d of %d bytes (file - stack = %d) in %.2f s",
                                staged.bytesStaged(),
                                staged.sourceBytes(),
                                staged.sourceBytes() - stack,
                                staged.seconds()));
        return seconds;
    }
}
