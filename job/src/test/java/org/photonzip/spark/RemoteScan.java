package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.hdf5.Hdf5TreeCopy;
import org.photonzip.hdf5.MetadataSamples;
import org.photonzip.source.InputStack;
import org.photonzip.source.RemoteStage;

/**
 * The NeXus scan of make_fixtures.py's {@code remote()} (master.nxs, its stack behind an external link in
 * scan/detector.h5, which links ../beam.h5) put on a remote file system, archived from there and checked against
 * the local files: the remote capture is the local one, staged without the stack's samples, and leaves nothing.
 */
final class RemoteScan {
    static final String STACK = "/entry/data/data";
    static final List<String> FILES = List.of("master.nxs", "scan/detector.h5", "beam.h5");
    /** 48 frames of 64 x 96 big-endian uint16 (make_fixtures.py). */
    static final long STACK_BYTES = 48L * 64 * 96 * 2;

    static final long FLATS_BYTES = 10L * 64 * 96 * 2;

    private RemoteScan() {}

    /** Copies the scan's three files from {@code local} (make_fixtures.py's output/remote) under {@code remote}. */
    static void upload(java.nio.file.Path local, Path remote, Configuration conf) throws IOException {
        FileSystem fs = remote.getFileSystem(conf);
        for (String f : FILES) {
            fs.copyFromLocalFile(new Path(local.resolve(f).toUri()), new Path(remote, f));
        }
    }

    static long localBytes(java.nio.file.Path local) throws IOException {
        long n = 0;
        for (String f : FILES) {
            n += Files.size(local.resolve(f));
        }
        return n;
    }

    /** Captures {@code input}'s metadata as the job does (flats and darks coded); the report and the samples' entries. */
    static Capture capture(String input, Configuration conf, java.nio.file.Path dir) throws IOException {
        java.nio.file.Path out = Files.createTempDirectory(dir, "capture-");
        try (InputStack stack = InputStack.open(input, STACK, conf);
                OutputStream samplesOut = Files.newOutputStream(out.resolve(MetadataSamples.FILE))) {
            MetadataSamples samples = new MetadataSamples(samplesOut);
            Hdf5TreeCopy.Report report = stack.captureMetadata(out.resolve("metadata.h5"), 1L << 30, samples);
            return new Capture(
                    report,
                    samples.entries().stream()
                            .map(e -> e.path() + " " + e.sha256())
                            .toList(),
                    stack.staging(),
                    stack.descriptor().storedBytes());
        }
    }

    record Capture(Hdf5TreeCopy.Report report, List<String> coded, RemoteStage.Stats staging, long stackBytes) {}

    /**
     * The remote capture of the scan equals the local one (objects, attributes, what was not captured, the coded
     * datasets and their hashes), and its staging copied every byte of the three files but the stack's.
     */
    static void assertCapturedAsLocally(
            String remoteMaster,
            java.nio.file.Path localDir,
            Configuration conf,
            java.nio.file.Path staging,
            java.nio.file.Path dir)
            throws IOException {
        Capture local = capture(localDir.resolve("master.nxs").toString(), conf, dir);
        Capture remote = capture(remoteMaster, conf, dir);
        assertEquals(null, local.staging(), "a local input is not staged");
        assertEquals(local.report(), remote.report());
        assertEquals(local.coded(), remote.coded());
        assertEquals(
                List.of("/entry/data/darks", "/entry/data/flats"),
                remote.coded().stream()
                        .map(c -> c.substring(0, c.indexOf(' ')))
                        .sorted()
                        .toList());
        assertTrue(
                remote.report().skipped().stream().anyMatch(s -> s.contains("absent.h5")),
                remote.report().skipped().toString());
        RemoteStage.Stats s = remote.staging();
        assertNotNull(s);
        assertEquals(3, s.files());
        assertEquals(localBytes(localDir), s.sourceBytes());
        assertEquals(STACK_BYTES, remote.stackBytes());
        assertEquals(s.sourceBytes() - STACK_BYTES, s.bytesStaged(), "every byte but the stack's samples was staged");
        assertStagingEmpty(staging);
    }

    /**
     * Archives the remote scan and restores it: h5py sees no difference from the local source, flats and darks
     * were coded in metadata-samples.pz (metadata.h5 is smaller than the flats alone), nothing is left staged.
     */
    static void assertArchivedExactly(
            SparkSession spark,
            String remoteMaster,
            String archive,
            java.nio.file.Path localDir,
            java.nio.file.Path staging,
            java.nio.file.Path dir)
            throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        JobFixtures.compress(
                spark, remoteMaster, STACK, archive, null, false, false, 0); // the restore checks every value
        assertStagingEmpty(staging);
        ArchiveReader reader = ArchiveReader.open(archive, conf);
        assertEquals(
                List.of("/entry/data/darks", "/entry/data/flats"),
                reader.summary().codedDatasets().stream()
                        .map(org.photonzip.archive.CodedDataset::path)
                        .sorted()
                        .toList());
        FileSystem fs = new Path(archive).getFileSystem(conf);
        long metadata =
                fs.getFileStatus(new Path(archive, ArchiveLayout.METADATA)).getLen();
        assertTrue(metadata < FLATS_BYTES, "metadata.h5 holds " + metadata + " bytes: flats and darks are not raw");
        assertTrue(fs.getFileStatus(new Path(archive, MetadataSamples.FILE)).getLen() > 0);
        java.nio.file.Path restored = dir.resolve("remote-scan.h5");
        JobFixtures.restoreWith(archive, restored.toString(), conf, null, null);
        H5py.assertSameAsSource(localDir.resolve("master.nxs"), restored);
    }

    static void assertStagingEmpty(java.nio.file.Path staging) throws IOException {
        try (var left = Files.list(staging)) {
            assertEquals(List.of(), left.toList(), "nothing is left staged");
        }
    }
}
