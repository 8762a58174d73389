package org.photonzip.libphotonzip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The C library's own checks ({@code make check}: golden streams and archives, damaged streams, the HDF5 plugin). */
@Tag("slow")
class MakeCheckTest {
    @Test
    void makeCheckPasses() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Process make = new ProcessBuilder("make", "-s", "check")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = make.getInputStream().readAllBytes();
        if (!make.waitFor(20, TimeUnit.MINUTES)) {
            make.destroyForcibly();
        }
        assertEquals(
                0,
                make.exitValue(),
                () -> "make check in " + dir + " failed:\n" + new String(output, StandardCharsets.UTF_8));
    }
}
