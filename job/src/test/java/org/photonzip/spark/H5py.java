package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the fidelity scripts (test resources {@code fidelity/*.py}) with Debian's {@code /usr/bin/python3} and h5py,
 * the reader users judge restored files by. Without h5py the calling test is skipped on a workstation and fails in
 * CI ({@code CI=true}), which installs python3-h5py (.ci/run).
 */
public final class H5py {
    private static final String PYTHON = "/usr/bin/python3";

    private H5py() {}

    /** Skips (or, in CI, fails) the calling test unless h5py can be imported. */
    public static void require() {
        boolean ok;
        try {
            ok = exec(List.of(PYTHON, "-c", "import h5py, numpy")).exit == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI needs " + PYTHON + " with h5py (apt-get install python3-h5py)");
        }
        Assumptions.assumeTrue(ok, "Skipped: " + PYTHON + " with h5py not found (apt-get install python3-h5py)");
    }

    /** Writes the generated fixtures (make_fixtures.py) into {@code dir}. */
    public static void makeFixtures(Path dir) throws IOException {
        Result r = script("make_fixtures.py", dir, List.of(dir.toString()));
        assertEquals(0, r.exit, r.output);
    }

    /** Writes the chunk-layout fixtures (chunk_fixtures.py) into {@code dir}. */
    public static void makeChunkFixtures(Path dir) throws IOException {
        Result r = script("chunk_fixtures.py", dir, List.of(dir.toString()));
        assertEquals(0, r.exit, r.output);
    }

    /**
     * Every stored chunk of {@code dataset}, read as raw bytes and unfiltered by chunkcheck.py itself, holds the
     * samples the library reads.
     */
    public static void assertChunksDecode(Path file, String dataset) throws IOException {
        Result r = script("chunkcheck.py", file.getParent(), List.of(file.toString(), dataset));
        assertTrue(r.output.contains(" 0 differences") || r.output.contains("not chunked"), r.output);
        assertEquals(0, r.exit, r.output);
    }

    /**
     * h5py sees the same keys, dtypes, shapes, chunks, filters, values and attributes (values and types) in both
     * files; datasets in {@code skipValues} are compared but for their values.
     */
    public static void assertSameAsSource(Path source, Path restored, String... skipValues) throws IOException {
        List<String> args = new ArrayList<>(List.of(source.toString(), restored.toString()));
        for (String s : skipValues) {
            args.add("--skip-values");
            args.add(s);
        }
        Result r = script("h5compare.py", restored.getParent(), args);
        assertTrue(r.output.contains(", 0 differences"), r.output);
        assertEquals(0, r.exit, r.output);
    }

    /**
     * As {@link #assertSameAsSource}, for a partial restore: the datasets {@code paths} (one object under several
     * names) hold frames [t0, t1) × rows [y0, y1) × columns [x0, x1) of the source's, with its dtype and filters.
     */
    public static void assertRegionOfSource(
            Path source, Path restored, String paths, int t0, int t1, int y0, int y1, int x0, int x1)
            throws IOException {
        List<String> args = List.of(
                source.toString(),
                restored.toString(),
                "--region",
                paths,
                "" + t0,
                "" + t1,
                "" + y0,
                "" + y1,
                "" + x0,
                "" + x1);
        Result r = script("h5compare.py", restored.getParent(), args);
        assertTrue(r.output.contains(", 0 differences"), r.output);
        assertEquals(0, r.exit, r.output);
    }

    private record Result(int exit, String output) {}

    private static Result script(String name, Path scratch, List<String> args) throws IOException {
        Path script = scratch.resolve(".h5py-" + name);
        try (InputStream in = H5py.class.getResourceAsStream("/fidelity/" + name)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(args);
        return exec(command);
    }

    private static Result exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("h5py script did not finish in 120 s: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command, e);
        }
    }
}
