package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.PhotonzipVersion;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.restore.Region;

/** Issue 18's small items: what -V, the README and the launcher's build say agree with what photonzip does. */
@Tag("slow")
class UserFacingTextTest extends CommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void versionIsTheOneTheFormatDocAssignsToTheFormatWritten() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/archive-format.md"));
        Matcher row = Pattern.compile("(?m)^\\| " + ArchiveLayout.VERSION + " \\| ([0-9.]+) \\|")
                .matcher(doc);
        assertTrue(row.find(), "docs/archive-format.md §11 has a row for format " + ArchiveLayout.VERSION);
        assertEquals(row.group(1), PhotonzipVersion.NUMBER);
        assertEquals(0, run("-V"));
        assertTrue(out.toString().startsWith("photonzip " + PhotonzipVersion.NUMBER + " "), out.toString());
    }

    @Test
    void readmesPartialRestoreFitsTheStacksDemoAndGenerateMake() throws Exception {
        Matcher m = Pattern.compile("(?m)^bin/photonzip decompress \\S+ \\S+ --frames (\\S+) --roi (\\S+)")
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertTrue(m.find(), "the README shows a partial restore");
        for (int[] shape : List.of(new int[] {128, 256, 256}, new int[] {64, 256, 256})) { // demo's, generate's
            Region.parse(m.group(1), m.group(2), shape); // throws "Invalid --roi ..." where it does not fit
        }
    }

    @Test
    void readmesNightRecordNameIsTheOneANightWrites() throws Exception {
        Matcher m = Pattern.compile("night/_night/(\\S+\\.jsonl)").matcher(Files.readString(ROOT.resolve("README.md")));
        boolean example = false;
        while (m.find()) {
            example |= m.group(1).matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.jsonl"); // NightRun's run id
        }
        assertTrue(example, "the README gives an example of the record's name");
    }

    @Test
    void theLaunchersBuildMessageHasNoEscapeCodes(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("clone/bin"));
        Files.copy(ROOT.resolve("bin/photonzip"), bin.resolve("photonzip"));
        Files.createFile(dir.resolve("clone/pom.xml")); // nothing built yet: the launcher builds
        Path tools = Files.createDirectories(dir.resolve("tools"));
        fake(tools.resolve("mvn"), "printf '\\033[0m\\033[0m\\n\\033[0m\\033[0m\\n'");
        fake(tools.resolve("java"), "echo ran");
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("photonzip").toString(), "help").redirectErrorStream(true);
        pb.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        pb.environment().remove("PHOTONZIP_SKIP_BUILD");
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        assertTrue(said.contains("building") && said.contains("ran"), said);
        assertFalse(said.contains("\u001b"), said);
    }

    @Test
    void shortCommandsStartWithTheQuickCompilerOnly(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("clone/bin"));
        Files.copy(ROOT.resolve("bin/photonzip"), bin.resolve("photonzip"));
        Path tools = Files.createDirectories(dir.resolve("tools"));
        fake(tools.resolve("java"), "echo \"$@\"");
        for (String command : List.of("info", "help", "-V", "compress", "decompress", "verify")) {
            ProcessBuilder pb =
                    new ProcessBuilder(bin.resolve("photonzip").toString(), command).redirectErrorStream(true);
            pb.environment().put("PATH", tools + ":" + System.getenv("PATH"));
            pb.environment().put("PHOTONZIP_SKIP_BUILD", "1");
            pb.environment().remove("PHOTONZIP_JAVA_OPTS");
            Process p = pb.start();
            String args = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), args);
            boolean quick = List.of("info", "help", "-V").contains(command);
            assertEquals(quick, args.contains("-XX:TieredStopAtLevel=1"), command + ": " + args);
            assertTrue(args.contains("org.photonzip.cli.Photonzip " + command), args);
        }
    }

    private static void fake(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
