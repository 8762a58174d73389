package org.photonzip.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.restore.Region;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.RestoredFiles;

/**
 * The README's spark-submit line on a real standalone cluster (master and two one-core workers, each its own JVM;
 * executors launched by the workers), against HDFS daemons and s3proxy: compress --verify of three scans, verify,
 * decompress (every value compared) and info. S3A credentials reach the jobs only as {@code --conf spark.hadoop.*}.
 * Runs in {@code mvn verify} (failsafe) after the job jar and job/target/submit-lib are packaged.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterIT {
    private static final String BUCKET = "beamline";
    private static final int[][] SHAPES = {{20, 64, 80}, {24, 48, 96}, {16, 64, 64}};
    private static final List<String> NOT_ON_CLUSTER =
            List.of("photonzip-", "tensorflow-", "ndarray-", "javacpp-", "jhdf-", "picocli-", "jfreechart-", "hdf5-");

    private java.nio.file.Path dir;
    private LocalCluster cluster;
    private SparkSubmit submit;
    private final List<java.nio.file.Path> scans = new ArrayList<>();

    @BeforeAll
    void start(@TempDir java.nio.file.Path base) throws Exception {
        dir = base;
        java.nio.file.Path module = java.nio.file.Path.of("").toAbsolutePath();
        java.nio.file.Path logs = module.resolve("target/cluster-it-logs");
        if (Files.isDirectory(logs)) {
            try (var s = Files.list(logs)) {
                for (java.nio.file.Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        cluster = new LocalCluster(module.getParent(), module.resolve("target/lib"), NOT_ON_CLUSTER, logs);
        cluster.start(BUCKET);
        submit = new SparkSubmit(cluster);
        for (int i = 0; i < SHAPES.length; i++) {
            int[] s = SHAPES[i];
            scans.add(JobFixtures.writeStack(
                    base.resolve(String.format("scan_%03d.h5", i + 1)),
                    s[0],
                    s[1],
                    s[2],
                    "uint16",
                    new int[] {1, s[1], s[2]},
                    40 + i));
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
            assertEquals(
                    List.of(),
                    cluster.processes.leftovers().stream()
                            .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                            .toList(),
                    "processes left running");
        }
    }

    @Test
    void nightOnHdfs() throws Exception {
        night(cluster.hdfs() + "/raw/2026-11-20", cluster.hdfs() + "/archive/2026-11-20/", "hdfs");
        campaign(cluster.hdfs() + "/archive/2026-11-20/", "hdfs");
    }

    /**
     * The night restored as a campaign (issue 15): one task per archive on the workers' executors, written by them
     * straight into a shared directory (file://, as on GPFS/Lustre); every value of every output compared.
     */
    private void campaign(String night, String label) throws Exception {
        java.nio.file.Path out = dir.resolve(label + "-campaign");
        JvmProcesses.Result c = photonzip(label + "-campaign", List.of("decompress", night, out.toUri() + "/"));
        assertEquals(0, c.exitCode(), c.output());
        assertTrue(c.output().contains("3 archives: 3 restored"), c.output());
        for (int i = 0; i < SHAPES.length; i++) {
            java.nio.file.Path restored = out.resolve(String.format("scan_%03d.h5", i + 1));
            RestoredFiles.assertStackEquals(
                    scans.get(i).toString(), restored, "/entry/data/data", Region.whole(SHAPES[i]));
        }
        try (var records = Files.list(out.resolve("_restore"))) {
            assertEquals(1, records.filter(p -> p.toString().endsWith(".jsonl")).count(), "the campaign's record");
        }
    }

    @Test
    void nightOnS3() throws Exception {
        night("s3a://" + BUCKET + "/raw/2026-11-20", "s3a://" + BUCKET + "/archive/2026-11-20/", "s3");
    }

    private void night(String raw, String night, String label) throws Exception {
        List<String> inputs = upload(raw);
        List<String> args = new ArrayList<>(List.of("compress", "@conf/heps-nightly.args"));
        args.addAll(inputs);
        args.add(night);
        JvmProcesses.Result compress = photonzip(label + "-compress", args);
        assertEquals(0, compress.exitCode(), compress.output());
        assertEquals(3, count(compress.output(), "| yes: "), compress.output());

        String first = night + "scan_001.pz";
        JvmProcesses.Result verify = photonzip(label + "-verify", List.of("verify", first, "--against", inputs.get(0)));
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("all ") && verify.output().contains("tiles verified"), verify.output());

        // Every value of a restored scan (compress --verify compared every tile of all three with the pixels read).
        java.nio.file.Path restored = dir.resolve(label + "-restored.h5");
        JvmProcesses.Result d =
                photonzip(label + "-decompress", List.of("decompress", night + "scan_003.pz", restored.toString()));
        assertEquals(0, d.exitCode(), d.output());
        RestoredFiles.assertStackEquals(scans.get(2).toString(), restored, "/entry/data/data", Region.whole(SHAPES[2]));
        RestoredFiles.assertMetadataEquals(
                scans.get(2), restored, "/entry/data/data", new int[] {1, SHAPES[2][1], SHAPES[2][2]}, List.of());
        JvmProcesses.Result info = photonzip(label + "-info", List.of("info", night + "scan_002.pz"));
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains("24 x 48 x 96"), info.output());
    }

    /**
     * A night of many small scans (issue 19): eight scans on the two one-core workers, the number in flight chosen
     * by the job, every archive verified before its commit; the night reports how busy the executors were.
     */
    @Test
    void nightOfSmallScansReportsTheExecutorsBusyFraction() throws Exception {
        List<String> inputs = new ArrayList<>();
        try (FileSystem fs = new Path(cluster.hdfs() + "/").getFileSystem(cluster.clientConf())) {
            for (int i = 0; i < 8; i++) {
                Path target = new Path(cluster.hdfs() + String.format("/raw/small/scan_%03d.h5", i + 1));
                fs.copyFromLocalFile(new Path(scans.get(i % scans.size()).toUri()), target);
                inputs.add(target.toString());
            }
        }
        List<String> args = new ArrayList<>(List.of("compress", "@conf/heps-nightly.args"));
        args.addAll(inputs);
        args.add(cluster.hdfs() + "/archive/small/");
        JvmProcesses.Result r = photonzip("small-scans", args);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(8, count(r.output(), "| yes: "), r.output());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "photonzip: night: 8 scans, (\\d+) in flight; executors busy ([0-9.]+) of the time[^\n]*")
                .matcher(r.output());
        assertTrue(m.find(), r.output());
        double busy = Double.parseDouble(m.group(2));
        System.out.println("StandaloneClusterIT: 8 small scans on 2 one-core workers: " + m.group());
        assertTrue(Integer.parseInt(m.group(1)) >= 2, m.group());
        assertTrue(busy > 0 && busy <= 1, m.group());
    }

    @Test
    void executorThatFitsNoWorkerFailsFastWithADiagnosis() throws Exception {
        List<String> inputs = upload(cluster.hdfs() + "/raw/too-big");
        long start = System.nanoTime();
        JvmProcesses.Result r = photonzip(
                "too-big",
                List.of(
                        "--conf",
                        "spark.executor.cores=4",
                        "--conf",
                        "spark.executor.memory=4g",
                        "--conf",
                        "spark.photonzip.executor.timeout=10s"),
                List.of("compress", inputs.get(0), cluster.hdfs() + "/archive/too-big.pz"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("no executor accepted within 10 s"), r.output());
        assertTrue(r.output().contains("asked for 4 core(s) and 4096 MiB heap"), r.output());
        assertTrue(r.output().contains("2 alive worker(s)") && r.output().contains("1 of 1 core(s)"), r.output());
        assertTrue(r.output().contains("ask for at most 1 core(s) and 2048 MiB"), r.output());
        assertTrue(seconds < 60, "took " + seconds + " s");
        try (FileSystem fs = new Path(cluster.hdfs() + "/").getFileSystem(cluster.clientConf())) {
            assertFalse(fs.exists(new Path(cluster.hdfs() + "/archive/too-big.pz")));
        }
    }

    @Test
    void learnedModelWithoutTensorFlowJarsIsRefusedOnTheDriver() throws Exception {
        List<String> inputs = upload(cluster.hdfs() + "/raw/learned");
        JvmProcesses.Result r = photonzip(
                "learned-no-tf",
                List.of("compress", "--model", "learned", inputs.get(0), cluster.hdfs() + "/archive/learned.pz"));
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("missing tensorflow-core-api"), r.output());
        assertTrue(r.output().contains("submit-lib-tf"), r.output());
        assertFalse(r.output().contains("NoClassDefFoundError"), r.output());
    }

    private List<String> upload(String rawDir) throws Exception {
        List<String> uris = new ArrayList<>();
        try (FileSystem fs = new Path(rawDir + "/").getFileSystem(cluster.clientConf())) {
            for (java.nio.file.Path scan : scans) {
                Path target = new Path(rawDir + "/" + scan.getFileName());
                fs.copyFromLocalFile(new Path(scan.toUri()), target);
                uris.add(target.toString());
            }
        }
        return uris;
    }

    private JvmProcesses.Result photonzip(String name, List<String> command) throws Exception {
        return photonzip(name, List.of(), command);
    }

    /** The README's line: spark-submit --properties-file conf/spark-defaults.conf ... photonzip-job.jar COMMAND. */
    private JvmProcesses.Result photonzip(String name, List<String> extraConf, List<String> command) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--master",
                cluster.master(),
                "--deploy-mode",
                "client",
                "--properties-file",
                "conf/spark-defaults.conf",
                "--driver-java-options",
                "-Dlog4j2.configurationFile=conf/log4j2.properties",
                "--conf",
                "spark.driver.memory=1g",
                "--conf",
                "spark.master.ui.port=" + cluster.masterUi));
        cluster.s3aSettings().forEach((k, v) -> args.addAll(List.of("--conf", "spark.hadoop." + k + "=" + v)));
        args.addAll(extraConf);
        String jars;
        try (var s = Files.list(cluster.projectRoot.resolve("job/target/submit-lib"))) {
            jars = s.map(p -> "job/target/submit-lib/" + p.getFileName())
                    .sorted()
                    .collect(Collectors.joining(","));
        }
        args.addAll(List.of("--class", "org.photonzip.cli.Photonzip", "--jars", jars, "job/target/photonzip-job.jar"));
        args.addAll(command);
        return submit.run(name, args, 240);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
