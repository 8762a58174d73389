package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.CommitMarker;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.fs.LocalFiles;
import org.photonzip.plan.TileShape;
import org.photonzip.restore.Region;
import org.photonzip.source.TestData;
import org.photonzip.spark.night.NightInputs;
import org.photonzip.spark.night.NightOptions;
import org.photonzip.spark.night.NightRun;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The job against a real S3 endpoint (s3proxy on 127.0.0.1) through s3a://: on an object store the archive is
 * written in place and {@code _SUCCESS}, written last, is the commit point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class S3JobTest {
    private static final String BUCKET = "beamline";
    private S3ProxyJunitCore proxy;
    private List<java.nio.file.Path> proxyDirs = List.of();

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private SparkSession spark;
    private java.nio.file.Path dir;

    @BeforeAll
    void start(@TempDir java.nio.file.Path base) throws Exception {
        dir = base;
        Set<java.nio.file.Path> before = proxyTempDirs();
        proxy = new S3ProxyJunitCore.Builder()
                .withCredentials("access", "secret")
                .build();
        proxyDirs = proxyTempDirs().stream().filter(p -> !before.contains(p)).toList();
        proxy.beforeEach();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(proxy.getUri())
                .forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        Map<String, String> conf = new HashMap<>();
        conf.put("spark.hadoop.fs.s3a.endpoint", proxy.getUri().toString());
        conf.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
        conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
        conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
        conf.put("spark.hadoop.fs.s3a.access.key", "access");
        conf.put("spark.hadoop.fs.s3a.secret.key", "secret");
        conf.put(
                "spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        spark = SPARK.session(conf);
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            SPARK.stop();
        }
        if (proxy != null) {
            proxy.afterEach();
        }
        // s3proxy leaves its filesystem back end's directory behind: remove the one it made for this class.
        for (java.nio.file.Path d : proxyDirs) {
            LocalFiles.deleteTreeQuietly(d); // a leftover temporary directory at worst
        }
    }

    private static Set<java.nio.file.Path> proxyTempDirs() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> s =
                java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("S3Proxy"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }

    @Test
    void compressesToAndFromS3WithSuccessAsTheCommitPoint() throws Exception {
        java.nio.file.Path local =
                JobFixtures.writeStack(dir.resolve("scan.h5"), 24, 96, 128, "uint16", new int[] {1, 96, 128}, 11);
        FileSystem s3 = new Path("s3a://" + BUCKET + "/").getFileSystem(hadoop());
        s3.copyFromLocalFile(new Path(local.toUri()), new Path("s3a://" + BUCKET + "/raw/scan.h5"));
        String input = "s3a://" + BUCKET + "/raw/scan.h5";
        String archive = "s3a://" + BUCKET + "/archive/scan.pz";

        CompressJob.Report report =
                JobFixtures.compress(spark, input, null, archive, new TileShape(12, 48, 64), true, false, 0);
        assertTrue(report.verification().ok());
        double amplification = report.stack().readAmplification(report.totals().bytesRead());
        assertTrue(amplification >= 0.99 && amplification <= 1.2, "read amplification " + amplification);

        ArchiveReader reader = ArchiveReader.open(archive, hadoop());
        Set<String> listed = new TreeSet<>();
        for (FileStatus s : s3.listStatus(new Path(archive))) {
            if (s.isFile()) {
                listed.add(s.getPath().getName());
            }
        }
        for (FileStatus s : s3.listStatus(new Path(archive, ArchiveLayout.PACKS))) {
            listed.add(ArchiveLayout.PACKS + "/" + s.getPath().getName());
        }
        Set<String> expected = new TreeSet<>(reader.marker().files().keySet());
        expected.add(ArchiveLayout.SUCCESS);
        assertEquals(expected, listed, "the commit marker lists every object of the archive");

        java.nio.file.Path restored = dir.resolve("restored.h5");
        JobFixtures.restoreWith(archive, restored.toString(), hadoop(), null, "10:90,0:128");
        RestoredFiles.assertStackEquals(
                local.toString(), restored, "/entry/data/data", new Region(0, 24, 10, 90, 0, 128));

        // The commit point: without _SUCCESS nothing of the archive is trusted.
        byte[] marker;
        try (InputStream in = s3.open(new Path(archive, ArchiveLayout.SUCCESS))) {
            marker = in.readAllBytes();
        }
        assertEquals(
                reader.marker().archiveId(), CommitMarker.parse(marker, archive).archiveId());
        s3.delete(new Path(archive, ArchiveLayout.SUCCESS), false);
        assertThrows(InvalidArchiveException.class, () -> ArchiveReader.open(archive, hadoop()));
    }

    /** The NeXus scan of {@link RemoteScan} on S3: captured exactly from a sparse stage, flats and darks coded. */
    @Test
    void remoteNexusScanOnS3KeepsItsMetadataExactly() throws Exception {
        H5py.require();
        java.nio.file.Path fixtures = java.nio.file.Files.createDirectories(dir.resolve("fixtures"));
        H5py.makeFixtures(fixtures);
        java.nio.file.Path local = fixtures.resolve("remote");
        String remote = "s3a://" + BUCKET + "/nexus";
        RemoteScan.upload(local, new Path(remote), hadoop());
        java.nio.file.Path staging = java.nio.file.Files.createDirectories(dir.resolve("staging"));
        hadoop().set(org.photonzip.source.RemoteStage.DIR_KEY, staging.toString());
        try {
            RemoteScan.assertCapturedAsLocally(remote + "/master.nxs", local, hadoop(), staging, dir);
            RemoteScan.assertArchivedExactly(
                    spark, remote + "/master.nxs", "s3a://" + BUCKET + "/archive/nexus.pz", local, staging, dir);
        } finally {
            hadoop().unset(org.photonzip.source.RemoteStage.DIR_KEY);
        }
    }

    @Test
    void failedJobOnS3LeavesNoObjects() throws Exception {
        java.nio.file.Path local = dir.resolve("signed.h5");
        short[][][] data = new short[8][32][32];
        data[5][1][2] = -1;
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(local)) {
            hdf.putGroup("entry").putGroup("data").putDataset("data", data);
        }
        String archive = "s3a://" + BUCKET + "/failed/scan.pz";
        Exception e = assertThrows(
                Exception.class,
                () -> JobFixtures.compress(
                        spark, local.toString(), null, archive, new TileShape(4, 32, 32), false, false, 0));
        assertTrue(String.valueOf(e.getMessage()).contains("Unsupported value -1"), e.getMessage());
        FileSystem s3 = new Path("s3a://" + BUCKET + "/").getFileSystem(hadoop());
        assertFalse(
                s3.exists(new Path(archive)),
                Arrays.toString(s3.exists(new Path(archive)) ? s3.listStatus(new Path(archive)) : new FileStatus[0]));
    }

    @Test
    void realDataToS3() throws Exception {
        java.nio.file.Path k11 = TestData.require("k11-diad/k11-18014.nxs");
        String archive = "s3a://" + BUCKET + "/archive/k11.pz";
        CompressJob.Report report = JobFixtures.compress(spark, k11.toString(), null, archive, null, false, false, 0);
        java.nio.file.Path restored = dir.resolve("k11.h5");
        JobFixtures.restoreWith(archive, restored.toString(), hadoop(), "100:3100", null);
        RestoredFiles.assertStackEquals(
                k11.toString(), restored, report.stack().datasetPath(), new Region(100, 3100, 0, 22, 0, 26));
    }

    /** A night on S3: an s3a:// glob, an abandoned in-place archive removed, the record assembled from its parts. */
    @Test
    void aNightOnS3RemovesAnAbandonedArchiveAndWritesItsRecord() throws Exception {
        FileSystem s3 = new Path("s3a://" + BUCKET + "/").getFileSystem(hadoop());
        for (int i = 1; i <= 2; i++) {
            java.nio.file.Path local =
                    JobFixtures.writeStack(dir.resolve("n" + i + ".h5"), 8, 32, 40, "uint16", null, i);
            s3.copyFromLocalFile(new Path(local.toUri()), new Path("s3a://" + BUCKET + "/night-raw/scan_" + i + ".h5"));
        }
        String night = "s3a://" + BUCKET + "/night/";
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path abandoned = new Path(night + "scan_2.pz");
        try (var out = s3.create(new Path(abandoned, "_owner"), false)) {
            out.write(("{\"format\":\"photonzip-staging\",\"host\":\""
                            + java.net.InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + gone.pid()
                            + ",\"started\":0}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (var out = s3.create(new Path(abandoned, "packs/part-00000-0-0-12345678.pz"), false)) {
            out.write(new byte[100]);
        }
        NightInputs.Plan plan =
                NightInputs.plan(java.util.List.of("s3a://" + BUCKET + "/night-raw/scan_*.h5"), night, hadoop());
        NightOptions options = new NightOptions(
                true,
                false,
                sc -> new CompressJob.Request(
                        sc.input(),
                        null,
                        sc.archive(),
                        null,
                        org.photonzip.options.ModelChoice.parse("auto"),
                        false,
                        false,
                        0,
                        1L << 30),
                Throwable::getMessage,
                r -> {});
        NightRun.Outcome o = NightRun.run(spark, plan.scans(), plan.nightDirectory(), options, JobFixtures.quiet());
        assertEquals(0, o.exitCode(), o.records().toString());
        assertTrue(
                String.join(" ", o.records().get(1).notes()).contains("removed uncommitted archive"),
                o.records().get(1).notes().toString());
        assertFalse(s3.exists(new Path(abandoned, "packs/part-00000-0-0-12345678.pz")));
        String record;
        try (InputStream in = s3.open(o.log())) {
            record = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(2, record.lines().count(), record);
        assertEquals(
                java.util.List.of(o.log().getName()),
                Arrays.stream(s3.listStatus(o.log().getParent()))
                        .map(st -> st.getPath().getName())
                        .toList(),
                "the per-scan parts were removed");
        NightRun.Outcome again = NightRun.run(spark, plan.scans(), plan.nightDirectory(), options, JobFixtures.quiet());
        assertEquals(
                java.util.List.of("skipped", "skipped"),
                again.records().stream().map(r -> r.status()).toList());
    }

    /** Issue 15: a campaign from and to s3a://, each output restored to local scratch and uploaded; resumable. */
    @Test
    void aCampaignRestoresArchivesOnS3ToS3() throws Exception {
        FileSystem s3 = new Path("s3a://" + BUCKET + "/").getFileSystem(hadoop());
        int[][] shapes = {{8, 32, 40}, {10, 24, 48}};
        for (int i = 0; i < shapes.length; i++) {
            java.nio.file.Path raw = JobFixtures.writeStack(
                    dir.resolve("c" + i + ".h5"), shapes[i][0], shapes[i][1], shapes[i][2], "uint16", null, 60 + i);
            JobFixtures.compress(
                    spark,
                    raw.toString(),
                    null,
                    "s3a://" + BUCKET + "/campaign-night/c" + i + ".pz",
                    null,
                    false,
                    false,
                    0);
        }
        String out = "s3a://" + BUCKET + "/campaign-out/";
        org.photonzip.spark.campaign.CampaignPlan.Plan plan = org.photonzip.spark.campaign.CampaignPlan.plan(
                java.util.List.of("s3a://" + BUCKET + "/campaign-night"), out, hadoop());
        org.photonzip.spark.campaign.Campaign.Options skip = new org.photonzip.spark.campaign.Campaign.Options(
                null, null, true, false, e -> String.valueOf(e.getMessage()), e -> false);
        org.photonzip.spark.campaign.Campaign.Outcome o =
                org.photonzip.spark.campaign.Campaign.run(spark, plan, skip, JobFixtures.quiet());
        assertEquals(0, o.exitCode(), o.records().toString());
        assertEquals(2, o.count("done"));
        for (int i = 0; i < shapes.length; i++) {
            java.nio.file.Path local = dir.resolve("c" + i + "-restored.h5");
            s3.copyToLocalFile(new Path(out + "c" + i + ".h5"), new Path(local.toUri()));
            RestoredFiles.assertStackEquals(
                    dir.resolve("c" + i + ".h5").toString(),
                    local,
                    "/entry/data/data",
                    org.photonzip.restore.Region.whole(shapes[i]));
        }
        assertEquals(
                java.util.List.of("_restore", "c0.h5", "c1.h5"),
                Arrays.stream(s3.listStatus(new Path(out)))
                        .map(st -> st.getPath().getName())
                        .sorted()
                        .toList(),
                "no hidden object left");
        assertTrue(
                Arrays.stream(s3.listStatus(new Path(out + "_restore")))
                        .noneMatch(st -> st.getPath().getName().endsWith(".owner")),
                "the run's owner record is removed");
        org.photonzip.spark.campaign.Campaign.Outcome again =
                org.photonzip.spark.campaign.Campaign.run(spark, plan, skip, JobFixtures.quiet());
        assertEquals(0, again.exitCode(), again.records().toString());
        assertEquals(2, again.count("skipped"), again.records().toString());
    }
}
