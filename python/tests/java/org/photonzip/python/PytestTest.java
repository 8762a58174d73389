package org.photonzip.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Python package's tests (python/tests, pytest) against the C library built from libphotonzip/. */
@Tag("slow")
class PytestTest {
    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " in " + dir + " failed:\n" + text);
        return text;
    }

    @Test
    void pytestPasses() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        run(dir, List.of("make", "-s", "-C", "../libphotonzip", "all"));
        run(dir, List.of("/usr/bin/python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"));
    }
}
