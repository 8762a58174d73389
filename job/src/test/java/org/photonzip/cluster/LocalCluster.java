package org.photonzip.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.photonzip.fs.LocalFiles;

/**
 * A real cluster on one machine, every part its own JVM: a Spark standalone master and two one-core workers
 * started from the Spark jars Maven resolved (a SPARK_HOME whose jars/ links them), an HDFS NameNode and DataNode
 * as daemons, and s3proxy. {@link #close()} stops everything it started, also after a failed start.
 */
final class LocalCluster implements AutoCloseable {
    static final String ACCESS = "access";
    static final String SECRET = "secret";
    /** Generous: on a CI machine shared with other builds a JVM can take a minute to start. */
    private static final int STARTUP_SECONDS = 240;

    final java.nio.file.Path base;
    final java.nio.file.Path sparkHome;
    final java.nio.file.Path projectRoot;
    final JvmProcesses processes;
    final int masterPort = freePort();
    final int masterUi = freePort();
    final int nameNodePort = freePort();
    final int s3Port = freePort();
    private final String testClasspath = System.getProperty("java.class.path");

    /**
     * @param libDir       the job's runtime jars (job/target/lib): the cluster's jars are those not named in
     *                     {@code notOnCluster}, i.e. what a Spark distribution with S3A support brings
     * @param logs         where each process's output goes (kept after the test)
     */
    LocalCluster(
            java.nio.file.Path projectRoot,
            java.nio.file.Path libDir,
            List<String> notOnCluster,
            java.nio.file.Path logs)
            throws IOException {
        this.base = Files.createTempDirectory("photonzip-cluster-");
        this.sparkHome = Files.createDirectories(base.resolve("spark-home"));
        this.projectRoot = projectRoot;
        this.processes = new JvmProcesses(logs, base.toString(), projectRoot);
        java.nio.file.Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        try (var s = Files.list(libDir)) {
            for (java.nio.file.Path jar : s.toList()) {
                String name = jar.getFileName().toString();
                if (notOnCluster.stream().noneMatch(name::startsWith)) {
                    Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
                }
            }
        }
        Files.createDirectories(sparkHome.resolve("conf"));
    }

    String master() {
        return "spark://127.0.0.1:" + masterPort;
    }

    String hdfs() {
        return "hdfs://127.0.0.1:" + nameNodePort;
    }

    String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    Map<String, String> sparkEnv() {
        return Map.of(
                "SPARK_HOME",
                sparkHome.toString(),
                "SPARK_SCALA_VERSION",
                "2.13",
                "SPARK_LOCAL_IP",
                "127.0.0.1",
                "SPARK_CONF_DIR",
                sparkHome.resolve("conf").toString());
    }

    List<String> sparkJvm(String heap, String mainClass, String... args) {
        List<String> c = new ArrayList<>(
                List.of(JvmProcesses.java(), "-Xmx" + heap, "-cp", sparkHome.resolve("jars") + "/*", mainClass));
        c.addAll(List.of(args));
        return c;
    }

    /**
     * Starts everything and waits until the master has two workers and HDFS a live DataNode; s3proxy's file system
     * back end serves {@code bucket} (a directory there).
     */
    void start(String bucket) throws Exception {
        writeHadoopConf();
        java.nio.file.Path s3dir =
                Files.createDirectories(base.resolve("s3").resolve(bucket)).getParent();
        java.nio.file.Path s3props = base.resolve("s3proxy.properties");
        Files.writeString(
                s3props,
                String.join(
                        "\n",
                        "s3proxy.endpoint=" + s3Endpoint(),
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS,
                        "s3proxy.credential=" + SECRET,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + s3dir,
                        ""));
        processes.start(
                "s3proxy",
                List.of(
                        JvmProcesses.java(),
                        "-Xmx256m",
                        "-cp",
                        testClasspath,
                        "org.gaul.s3proxy.Main",
                        "--properties",
                        s3props.toString()),
                Map.of());

        // What "hdfs namenode -format" does, in this JVM: one JVM start less on a loaded machine.
        // The settings are given directly (no defaults loaded: without them format() falls back to /tmp/hadoop).
        Configuration hdfsConf = new Configuration(false);
        hdfsSite().forEach(hdfsConf::set);
        coreSite().forEach(hdfsConf::set);
        org.apache.hadoop.hdfs.server.namenode.NameNode.format(hdfsConf);
        processes.start("namenode", hadoopJvm("org.apache.hadoop.hdfs.server.namenode.NameNode"), Map.of());
        processes.start("datanode", hadoopJvm("org.apache.hadoop.hdfs.server.datanode.DataNode"), Map.of());

        processes.start(
                "master",
                sparkJvm(
                        "256m",
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(masterPort),
                        "--webui-port",
                        String.valueOf(masterUi)),
                sparkEnv());
        for (int i = 1; i <= 2; i++) {
            processes.start(
                    "worker-" + i,
                    sparkJvm(
                            "256m",
                            "org.apache.spark.deploy.worker.Worker",
                            master(),
                            "--host",
                            "127.0.0.1",
                            "--cores",
                            "1",
                            "--memory",
                            "2g",
                            "--webui-port",
                            "0",
                            "--work-dir",
                            Files.createDirectories(base.resolve("work-" + i)).toString()),
                    sparkEnv());
        }
        await("s3proxy on port " + s3Port, STARTUP_SECONDS, () -> listening(s3Port));
        await("HDFS with a live DataNode out of safe mode", STARTUP_SECONDS, this::hdfsReady);
        await(
                "two alive workers at the master",
                STARTUP_SECONDS,
                () -> masterJson().contains("\"aliveworkers\" : 2")
                        || masterJson().contains("\"aliveworkers\":2"));
    }

    /** The master's state as its web UI serves it. */
    String masterJson() {
        try (InputStream in =
                URI.create("http://127.0.0.1:" + masterUi + "/json").toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A client configuration for this cluster's HDFS and s3proxy (for the test's own uploads and checks). */
    Configuration clientConf() {
        Configuration c = new Configuration(); // core-default.xml maps s3a:// to S3AFileSystem
        coreSite().forEach(c::set);
        s3aSettings().forEach(c::set);
        c.setBoolean("fs.hdfs.impl.disable.cache", true);
        c.setBoolean("fs.s3a.impl.disable.cache", true);
        return c;
    }

    /** S3A settings for s3proxy (given to spark-submit as spark.hadoop.* --conf only). */
    Map<String, String> s3aSettings() {
        return Map.of(
                "fs.s3a.endpoint",
                s3Endpoint(),
                "fs.s3a.endpoint.region",
                "us-east-1",
                "fs.s3a.path.style.access",
                "true",
                "fs.s3a.connection.ssl.enabled",
                "false",
                "fs.s3a.access.key",
                ACCESS,
                "fs.s3a.secret.key",
                SECRET,
                "fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }

    private List<String> hadoopJvm(String mainClass, String... args) {
        List<String> c = new ArrayList<>(List.of(
                JvmProcesses.java(), "-Xmx256m", "-cp", base.resolve("hadoop-conf") + ":" + testClasspath, mainClass));
        c.addAll(List.of(args));
        return c;
    }

    private void writeHadoopConf() throws IOException {
        java.nio.file.Path dir = Files.createDirectories(base.resolve("hadoop-conf"));
        Files.writeString(dir.resolve("core-site.xml"), xml(coreSite()));
        Files.writeString(dir.resolve("hdfs-site.xml"), xml(hdfsSite()));
    }

    private Map<String, String> coreSite() {
        return Map.of(
                "fs.defaultFS",
                hdfs(),
                "hadoop.tmp.dir",
                base.resolve("hadoop-tmp").toString());
    }

    private Map<String, String> hdfsSite() {
        return Map.ofEntries(
                Map.entry("dfs.replication", "1"),
                Map.entry("dfs.namenode.name.dir", base.resolve("nn").toUri().toString()),
                // hdfs-default.xml's ${dfs.namenode.name.dir}; the in-JVM format has no defaults loaded
                Map.entry("dfs.namenode.edits.dir", base.resolve("nn").toUri().toString()),
                Map.entry("dfs.datanode.data.dir", base.resolve("dn").toUri().toString()),
                Map.entry("dfs.namenode.rpc-address", "127.0.0.1:" + nameNodePort),
                Map.entry("dfs.namenode.http-address", "127.0.0.1:0"),
                Map.entry("dfs.datanode.address", "127.0.0.1:0"),
                Map.entry("dfs.datanode.http.address", "127.0.0.1:0"),
                Map.entry("dfs.datanode.ipc.address", "127.0.0.1:0"),
                Map.entry("dfs.datanode.hostname", "127.0.0.1"),
                Map.entry("dfs.heartbeat.interval", "1"),
                Map.entry("dfs.namenode.safemode.extension", "0"),
                Map.entry("dfs.permissions.enabled", "false"));
    }

    private static String xml(Map<String, String> props) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        props.forEach((k, v) -> sb.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v)
                .append("</value></property>\n"));
        return sb.append("</configuration>\n").toString();
    }

    private boolean hdfsReady() {
        try (FileSystem fs = new Path(hdfs() + "/").getFileSystem(clientConf())) {
            DistributedFileSystem dfs = (DistributedFileSystem) fs;
            return dfs.getDataNodeStats().length >= 1 && !dfs.isInSafeMode();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void await(String what, int seconds, BooleanSupplier ready) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Cannot start the cluster: no " + what + " within " + seconds + " s; logs in "
                        + processes.log("*").getParent());
            }
            Thread.sleep(250);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops every process, then removes the cluster's directory (the jar links, not what they point to). */
    @Override
    public void close() {
        processes.close();
        try {
            LocalFiles.deleteTree(base);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot remove " + base, e);
        }
    }
}
