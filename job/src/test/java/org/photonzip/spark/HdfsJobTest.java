package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveExistsException;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.options.ModelChoice;
import org.photonzip.restore.Region;
import org.photonzip.source.InputStack;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.source.TestData;
import org.photonzip.spark.night.NightInputs;
import org.photonzip.spark.night.NightOptions;
import org.photonzip.spark.night.NightRun;

/** The job against a real HDFS (in-process MiniDFSCluster): hdfs:// input, hdfs:// archive, staged rename commit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class HdfsJobTest {
    private java.nio.file.Path dir;
    private MiniDFSCluster cluster;

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private SparkSession spark;
    private String hdfs;

    @BeforeAll
    void start(@TempDir java.nio.file.Path base) throws Exception {
        dir = base;
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        conf.set("dfs.datanode.hostname", "127.0.0.1");
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        spark = SPARK.session(Map.of("spark.hadoop.fs.defaultFS", hdfs));
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            SPARK.stop();
        }
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    private Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }

    @Test
    void compressesFromAndToHdfsAndRestoresBitExact() throws Exception {
        java.nio.file.Path local = TestData.require("psi-stepwedge/stack.h5");
        FileSystem fs = cluster.getFileSystem();
        fs.mkdirs(new Path("/scans"));
        fs.copyFromLocalFile(new Path(local.toUri()), new Path("/scans/stepwedge.h5"));
        String input = hdfs + "/scans/stepwedge.h5";
        String archive = hdfs + "/archive1/stepwedge.pz";

        CompressJob.Report report = JobFixtures.compress(spark, input, null, archive, null, true, false, 0);
        assertTrue(report.verification().ok());
        double amplification = report.stack().readAmplification(report.totals().bytesRead());
        assertTrue(amplification >= 0.99 && amplification <= 1.2, "read amplification " + amplification);
        FileStatus[] siblings = fs.listStatus(new Path("/archive1"));
        assertEquals(
                List.of("stepwedge.pz"),
                Arrays.stream(siblings).map(s -> s.getPath().getName()).toList(),
                "the staging directory was renamed into place");

        ArchiveReader reader = ArchiveReader.open(archive, hadoop());
        try (InputStack source = InputStack.open(input, null, hadoop())) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            VerifyJob.Result r = VerifyJob.run(
                    jsc, reader, jsc.broadcast(new SerializableConfiguration(hadoop())), source.descriptor());
            assertTrue(r.ok(), r.failures().toString());
        }

        java.nio.file.Path restored = dir.resolve("restored.h5");
        JobFixtures.restoreWith(archive, restored.toString(), hadoop(), "2:7", null);
        RestoredFiles.assertStackEquals(
                local + ":/entry/data/data", restored, "/entry/data/data", new Region(2, 7, 0, 900, 0, 1500));
        String hdfsCopy = hdfs + "/restored/whole.h5";
        JobFixtures.restoreWith(archive, hdfsCopy, hadoop(), null, null);
        java.nio.file.Path back = dir.resolve("back.h5");
        fs.copyToLocalFile(new Path(hdfsCopy), new Path(back.toUri()));
        RestoredFiles.assertStackEquals(
                local + ":/entry/data/data",
                back,
                "/entry/data/data",
                Region.whole(reader.summary().shape()));
        RestoredFiles.assertMetadataEquals(
                local, back, "/entry/data/data", reader.summary().chunks(), report.notCaptured());

        assertThrows(
                ArchiveExistsException.class,
                () -> JobFixtures.compress(spark, input, null, archive, null, false, false, 0));
    }

    /** A NeXus master on HDFS whose stack is an external link to the detector's file next to it. */
    @Test
    void followsNexusExternalLinksOnHdfs() throws Exception {
        java.nio.file.Path master = TestData.require("k11-diad/k11-18014.nxs");
        java.nio.file.Path detector = TestData.require("k11-diad/k11-18014/k11-18014-imaging.h5");
        FileSystem fs = cluster.getFileSystem();
        fs.copyFromLocalFile(new Path(master.toUri()), new Path("/k11/k11-18014.nxs"));
        fs.copyFromLocalFile(new Path(detector.toUri()), new Path("/k11/k11-18014/k11-18014-imaging.h5"));
        String archive = hdfs + "/archive3/k11.pz";
        CompressJob.Report report = JobFixtures.compress(
                spark, hdfs + "/k11/k11-18014.nxs", "/entry/imaging/data", archive, null, false, false, 0);
        assertEquals(
                hdfs + "/k11/k11-18014/k11-18014-imaging.h5", report.stack().file());
        assertEquals("/entry/detector/detector", report.stack().dataset());
        java.nio.file.Path restored = dir.resolve("k11.h5");
        JobFixtures.restoreWith(archive, restored.toString(), hadoop(), "0:400", null);
        RestoredFiles.assertStackEquals(
                detector + ":/entry/detector/detector",
                restored,
                "/entry/imaging/data",
                new Region(0, 400, 0, 22, 0, 26));
        // bench and train read the same input through the same reader: every value as from the local file
        assertSameSamples(
                detector + ":/entry/detector/detector@100:500",
                hdfs + "/k11/k11-18014.nxs:/entry/imaging/data@100:500");
        assertTrue(
                StackSources.hasDataset(hdfs + "/k11/k11-18014.nxs", "/entry/instrument/imaging/image_key", hadoop()));
        assertFalse(StackSources.hasDataset(hdfs + "/k11/k11-18014.nxs", "/entry/nothing", hadoop()));
    }

    private void assertSameSamples(String localSpec, String hdfsSpec) throws java.io.IOException {
        try (StackSource local = StackSources.open(StackSpec.parse(localSpec), hadoop());
                StackSource remote = StackSources.open(StackSpec.parse(hdfsSpec), hadoop())) {
            assertEquals(
                    local.frames() + "x" + local.height() + "x" + local.width(),
                    remote.frames() + "x" + remote.height() + "x" + remote.width());
            short[] a = new short[(int) local.samples()];
            short[] b = new short[a.length];
            local.read(0, local.frames(), 0, local.height(), 0, local.width(), a);
            remote.read(0, remote.frames(), 0, remote.height(), 0, remote.width(), b);
            assertArrayEquals(a, b, hdfsSpec);
        }
    }

    /**
     * A NeXus scan on HDFS (big-endian stack behind an external link, flats and darks, vlen and fixed UTF-8
     * attributes, soft, hard and external links): captured by the HDF5 library from a sparse local stage exactly as
     * the local files are, flats and darks coded, h5py sees no difference after the round trip.
     */
    @Test
    void remoteNexusScanKeepsItsMetadataExactlyAndCodesFlatsAndDarks() throws Exception {
        java.nio.file.Path local = scan("nexus", l -> {});
        java.nio.file.Path staging = staging("staging");
        try {
            RemoteScan.assertCapturedAsLocally(hdfs + "/nexus/master.nxs", local, hadoop(), staging, dir);
            RemoteScan.assertArchivedExactly(
                    spark, hdfs + "/nexus/master.nxs", hdfs + "/archive4/scan.pz", local, staging, dir);
        } finally {
            hadoop().unset(org.photonzip.source.RemoteStage.DIR_KEY);
        }
    }

    /** Uploads a fresh copy of the scan under {@code name} after {@code damage} has changed the local files. */
    private java.nio.file.Path scan(String name, java.util.function.Consumer<java.nio.file.Path> damage)
            throws Exception {
        H5py.require();
        java.nio.file.Path fixtures = java.nio.file.Files.createDirectories(dir.resolve(name));
        H5py.makeFixtures(fixtures);
        java.nio.file.Path local = fixtures.resolve("remote");
        damage.accept(local);
        RemoteScan.upload(local, new Path(hdfs + "/" + name), hadoop());
        return local;
    }

    private static void rewrite(java.nio.file.Path file, java.util.function.UnaryOperator<byte[]> change) {
        try {
            java.nio.file.Files.write(file, change.apply(java.nio.file.Files.readAllBytes(file)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private java.nio.file.Path staging(String name) throws java.io.IOException {
        java.nio.file.Path staging = java.nio.file.Files.createDirectories(dir.resolve(name));
        hadoop().set(org.photonzip.source.RemoteStage.DIR_KEY, staging.toString());
        return staging;
    }

    /**
     * A superblock the HDF5 library refuses (free-space version 1) though jhdf opens the file: the job fails with
     * "Cannot read HDF5 file" naming the remote file, no archive appears and nothing is left staged.
     */
    @Test
    void damagedRemoteFileFailsClearlyAndLeavesNothingStaged() throws Exception {
        java.nio.file.Path damaged = scan(
                "damaged",
                local -> rewrite(local.resolve("master.nxs"), b -> {
                    b[9] = 1;
                    return b;
                }));
        java.nio.file.Path staging = staging("staging-damaged");
        try {
            String input = hdfs + "/damaged/master.nxs";
            try (InputStack stack = InputStack.open(input, RemoteScan.STACK, hadoop())) {
                assertEquals(RemoteScan.STACK_BYTES, stack.descriptor().storedBytes(), "jhdf opens it");
            }
            String archive = hdfs + "/archive-damaged/scan.pz";
            Exception e = assertThrows(
                    Exception.class,
                    () -> JobFixtures.compress(spark, input, RemoteScan.STACK, archive, null, false, false, 0));
            String message = String.valueOf(e.getMessage());
            assertTrue(message.contains("Cannot read HDF5 file " + input), message);
            assertTrue(!cluster.getFileSystem().exists(new Path(archive)), "no archive");
            RemoteScan.assertStagingEmpty(staging);
            // The same file on a local disk fails the same way (the library's exception, wrapped, not leaked).
            String local = damaged.resolve("master.nxs").toString();
            java.nio.file.Path localArchive = dir.resolve("local-damaged.pz");
            Exception l = assertThrows(
                    Exception.class,
                    () -> JobFixtures.compress(
                            spark, local, RemoteScan.STACK, localArchive.toString(), null, false, false, 0));
            assertTrue(String.valueOf(l.getMessage()).contains("Cannot read HDF5 file " + local), l.toString());
            assertTrue(!java.nio.file.Files.exists(localArchive), "no archive");
        } finally {
            hadoop().unset(org.photonzip.source.RemoteStage.DIR_KEY);
        }
    }

    /**
     * A linked file cut short (beam.h5, half its bytes) is, remote as local, a link that cannot be followed: kept
     * and listed, the same report either way; nothing staged is left.
     */
    @Test
    void truncatedLinkedFileIsReportedAsLocally() throws Exception {
        java.nio.file.Path local =
                scan("truncated", l -> rewrite(l.resolve("beam.h5"), b -> java.util.Arrays.copyOf(b, b.length / 2)));
        java.nio.file.Path staging = staging("staging-truncated");
        try {
            RemoteScan.Capture remote = RemoteScan.capture(hdfs + "/truncated/master.nxs", hadoop(), dir);
            RemoteScan.Capture here =
                    RemoteScan.capture(local.resolve("master.nxs").toString(), hadoop(), dir);
            assertEquals(here.report(), remote.report());
            assertTrue(
                    remote.report().skipped().stream().anyMatch(m -> m.startsWith("/entry/instrument/source")),
                    remote.report().skipped().toString());
            RemoteScan.assertStagingEmpty(staging);
        } finally {
            hadoop().unset(org.photonzip.source.RemoteStage.DIR_KEY);
        }
    }

    /** The input replaced by a shorter file between open and capture: "Cannot stage", nothing left staged. */
    @Test
    void inputChangedAfterOpeningIsNotStaged() throws Exception {
        java.nio.file.Path local = scan("changed", l -> {});
        java.nio.file.Path staging = staging("staging-changed");
        try (InputStack stack = InputStack.open(hdfs + "/changed/master.nxs", RemoteScan.STACK, hadoop())) {
            byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(local.resolve("master.nxs")), 4096);
            try (var out = cluster.getFileSystem().create(new Path("/changed/master.nxs"), true)) {
                out.write(head);
            }
            java.io.IOException e = assertThrows(
                    java.io.IOException.class,
                    () -> stack.captureMetadata(dir.resolve("changed-metadata.h5"), 1L << 30, null));
            assertTrue(
                    e.getMessage().startsWith("Cannot stage " + hdfs + "/changed/master.nxs: it changed"),
                    e.getMessage());
            RemoteScan.assertStagingEmpty(staging);
        } finally {
            hadoop().unset(org.photonzip.source.RemoteStage.DIR_KEY);
        }
    }

    /** A staging disk too small for the input: "Cannot stage ... needs N bytes", nothing written there. */
    @Test
    void stagingDiskTooSmallIsReportedBeforeAnythingIsWritten() throws Exception {
        scan("small", l -> {});
        java.nio.file.Path full = java.nio.file.Files.createDirectories(dir.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString())
                .redirectErrorStream(true)
                .start();
        mount.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "Skipped: cannot mount a small tmpfs here");
        hadoop().set(org.photonzip.source.RemoteStage.DIR_KEY, full.toString());
        try (InputStack stack = InputStack.open(hdfs + "/small/master.nxs", RemoteScan.STACK, hadoop())) {
            java.io.IOException e = assertThrows(
                    java.io.IOException.class,
                    () -> stack.captureMetadata(dir.resolve("small-metadata.h5"), 1L << 30, null));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "Cannot stage " + hdfs + "/small/master.nxs for metadata capture: " + "it needs "),
                    e.getMessage());
            RemoteScan.assertStagingEmpty(full);
        } finally {
            hadoop().unset(org.photonzip.source.RemoteStage.DIR_KEY);
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }

    @Test
    void compressesATiffGlobOnHdfs() throws Exception {
        java.nio.file.Path tiffs = TestData.require("savu-i13/tiffs");
        FileSystem fs = cluster.getFileSystem();
        for (int i = 0; i < 12; i++) {
            String name = String.format("raw_%05d.tiff", i);
            fs.copyFromLocalFile(new Path(tiffs.resolve(name).toUri()), new Path("/tiffs/" + name));
        }
        String archive = hdfs + "/archive2/tiffs.pz";
        CompressJob.Report report =
                JobFixtures.compress(spark, hdfs + "/tiffs/raw_0000?.tiff", null, archive, null, false, false, 0);
        assertEquals(10, report.stack().frames());
        java.nio.file.Path restored = dir.resolve("tiffs.h5");
        JobFixtures.restoreWith(archive, restored.toString(), hadoop(), null, null);
        RestoredFiles.assertStackEquals(
                tiffs + "/raw_0000?.tiff", restored, "/entry/data/data", Region.whole(new int[] {10, 135, 160}));
        assertSameSamples(tiffs + "/raw_0000?.tiff@2:", hdfs + "/tiffs/raw_0000?.tiff@2:");
        assertSameSamples(tiffs + "/raw_0000?.tiff", hdfs + "/tiffs@0:10");
    }

    /** The README's nightly command: a quoted hdfs:// glob, expanded by the job, into a night directory. */
    @Test
    void archivesAnHdfsGlobOfScansIntoANightDirectoryAndSkipsThemOnARerun() throws Exception {
        FileSystem fs = cluster.getFileSystem();
        fs.mkdirs(new Path("/raw/2026-11-20"));
        for (int i = 1; i <= 2; i++) {
            java.nio.file.Path local = JobFixtures.writeStack(
                    dir.resolve("scan_" + i + ".h5"), 8, 32, 40, "uint16", new int[] {2, 32, 40}, i);
            fs.copyFromLocalFile(new Path(local.toUri()), new Path("/raw/2026-11-20/scan_" + i + ".h5"));
        }
        fs.copyFromLocalFile(new Path(dir.resolve("scan_1.h5").toUri()), new Path("/raw/2026-11-20/other.h5"));
        String night = hdfs + "/archive/2026-11-20/";
        NightInputs.Plan plan = NightInputs.plan(List.of(hdfs + "/raw/2026-11-20/scan_*.h5"), night, hadoop());
        assertEquals(2, plan.scans().size(), plan.scans().toString());
        assertEquals(hdfs + "/archive/2026-11-20/scan_2.pz", plan.scans().get(1).archive());
        NightOptions options = new NightOptions(
                true,
                false,
                s -> new CompressJob.Request(
                        s.input(), null, s.archive(), null, ModelChoice.parse("auto"), true, false, 0, 1L << 30),
                Throwable::getMessage,
                r -> {});
        NightRun.Outcome first = NightRun.run(spark, plan.scans(), plan.nightDirectory(), options, JobFixtures.quiet());
        assertEquals(0, first.exitCode(), first.records().toString());
        for (int i = 1; i <= 2; i++) {
            java.nio.file.Path restored = dir.resolve("night_" + i + ".h5");
            JobFixtures.restoreWith(night + "scan_" + i + ".pz", restored.toString(), hadoop(), null, null);
            RestoredFiles.assertStackEquals(
                    dir.resolve("scan_" + i + ".h5") + ":/entry/data/data",
                    restored,
                    "/entry/data/data",
                    Region.whole(new int[] {8, 32, 40}));
        }
        List<String> lines;
        try (var in = fs.open(first.log())) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        assertEquals(2, lines.size());
        assertTrue(
                lines.get(0).contains("\"status\":\"done\"") && lines.get(0).contains("\"verified\":true"),
                lines.get(0));
        FileStatus before = fs.getFileStatus(new Path(night + "scan_1.pz/_SUCCESS"));
        NightRun.Outcome again = NightRun.run(spark, plan.scans(), plan.nightDirectory(), options, JobFixtures.quiet());
        assertEquals(0, again.exitCode());
        assertEquals(
                List.of("skipped", "skipped"),
                again.records().stream().map(r -> r.status()).toList());
        assertEquals(
                before.getModificationTime(),
                fs.getFileStatus(new Path(night + "scan_1.pz/_SUCCESS")).getModificationTime());
    }
}
