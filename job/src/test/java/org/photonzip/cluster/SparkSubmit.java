package org.photonzip.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code bin/spark-submit} does, without a Spark distribution: ask Spark's launcher
 * ({@code org.apache.spark.launcher.Main}) for the driver's command line (driver memory, --driver-java-options,
 * Java module options, classpath from SPARK_HOME/jars), then run it: a separate JVM running
 * {@code org.apache.spark.deploy.SparkSubmit}.
 */
final class SparkSubmit {
    private final LocalCluster cluster;
    private int runs;

    SparkSubmit(LocalCluster cluster) {
        this.cluster = cluster;
    }

    JvmProcesses.Result run(String name, List<String> submitArgs, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(
                cluster.sparkJvm("128m", "org.apache.spark.launcher.Main", "org.apache.spark.deploy.SparkSubmit"));
        launcher.addAll(submitArgs);
        ProcessBuilder pb = new ProcessBuilder(launcher).directory(cluster.projectRoot.toFile());
        pb.environment().putAll(cluster.sparkEnv());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("Spark's launcher failed for " + submitArgs);
        }
        List<String> command = new ArrayList<>();
        for (String token : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!token.isBlank()) {
                command.add(token.strip()); // the launcher starts its output with a line break
            }
        }
        return cluster.processes.run(
                String.format("submit-%02d-%s", ++runs, name), command, cluster.sparkEnv(), timeoutSeconds);
    }
}
