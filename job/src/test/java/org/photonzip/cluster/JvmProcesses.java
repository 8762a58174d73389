package org.photonzip.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every JVM a test starts, each its own process with its output in {@code logs/NAME.log}, and the one place that
 * stops them all, children (executors launched by workers) first. Processes are marked by {@code marker} (a
 * temporary directory in every command line), so that {@link #leftovers()} finds any that escaped.
 */
final class JvmProcesses implements AutoCloseable {
    private final Path logs;
    private final String marker;
    private final Path workDir;
    private final List<Process> started = new ArrayList<>();

    /** Processes run in {@code workDir} (the project root, so that commands name files as the README does). */
    JvmProcesses(Path logs, String marker, Path workDir) throws IOException {
        this.logs = Files.createDirectories(logs);
        this.marker = marker;
        this.workDir = workDir;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code command} (its first element the java launcher) with {@code env} added. */
    synchronized Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(logs.resolve(name + ".log").toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Runs {@code command} to its end (at most {@code timeoutSeconds}); its exit code. */
    Result run(String name, List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process p = start(name, command, env);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            stop(p);
            throw new AssertionError(name + " did not end within " + timeoutSeconds + " s; see " + log(name));
        }
        return new Result(p.exitValue(), Files.readString(log(name)));
    }

    record Result(int exitCode, String output) {}

    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** Processes of this test still alive (any whose command line carries the marker). */
    List<ProcessHandle> leftovers() {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .toList();
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            stop(started.get(i));
        }
        for (ProcessHandle h : leftovers()) {
            h.destroyForcibly(); // started by this test (it carries the marker) and escaped its parent
        }
    }

    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                c.destroyForcibly();
            }
        }
    }
}
