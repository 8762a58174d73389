package org.photonzip.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's headless Chromium, for checking that report pages render. */
public final class HeadlessBrowser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessBrowser() {}

    /** The DOM of {@code page} after it loaded and ran its scripts; skips the test without Chromium. */
    public static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Skipped: /usr/bin/chromium not installed (.ci/run installs Debian's chromium package)");
        Path out = scratch.resolve("dom.html");
        Process p = new ProcessBuilder(List.of(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + scratch.resolve("profile"),
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        page.toUri().toString()))
                .redirectOutput(out.toFile())
                .redirectError(scratch.resolve("chromium.log").toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
