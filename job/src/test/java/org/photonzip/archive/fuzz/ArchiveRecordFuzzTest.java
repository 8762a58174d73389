package org.photonzip.archive.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.golden.GoldenArchivesTest;
import org.photonzip.fs.LocalFiles;

/**
 * Coverage-guided fuzzing (Jazzer) of an archive's records: the input is the whole of one file, put into a copy of
 * a golden format-2 archive (the summary and manifest with {@code _SUCCESS} re-stated to match, so the fuzzer gets
 * past the hashes to the checks behind them; {@code _SUCCESS} as it is) and read through the one reader
 * ({@link RecordOracle}). A plain test run replays the inputs under
 * {@code src/test/resources/org/photonzip/archive/fuzz/ArchiveRecordFuzzTestInputs/<method>/} (the golden files
 * themselves, and every past finding); {@code JAZZER_FUZZ=1} fuzzes one method, see docs/fuzzing.md. It runs in
 * its own JVM (surefire execution {@code record-fuzz}), apart from the Spark tests.
 */
@Tag("slow")
class ArchiveRecordFuzzTest {
    /** Golden archive per target, copied once per JVM; each input rewrites only its file (and _SUCCESS). */
    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = RecordOracle.SECONDS + 5, unit = TimeUnit.SECONDS)
    void summary(byte[] data) throws Exception {
        check("classical.pz", ArchiveLayout.SUMMARY, data, true);
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = RecordOracle.SECONDS + 5, unit = TimeUnit.SECONDS)
    void manifest(byte[] data) throws Exception {
        check("many-tiles.pz", ArchiveLayout.MANIFEST, data, true);
    }

    @FuzzTest(maxDuration = "10s")
    @Timeout(value = RecordOracle.SECONDS + 5, unit = TimeUnit.SECONDS)
    void commitRecord(byte[] data) throws Exception {
        check("classical.pz", ArchiveLayout.SUCCESS, data, false);
    }

    private static void check(String golden, String file, byte[] data, boolean restate) throws Exception {
        Path archive = COPIES.computeIfAbsent(golden + "/" + file, k -> copy(golden));
        Files.write(archive.resolve(file), data);
        if (restate) {
            ArchiveDamage.restate(archive, file);
        }
        RecordOracle.check(archive, true, sourceHash(golden));
    }

    private static Path copy(String golden) {
        try {
            Path dir = Files.createTempDirectory("record-fuzz-");
            dir.toFile().deleteOnExit();
            Path archive = dir.resolve(golden);
            ArchiveDamage.copy(GoldenArchivesTest.ROOT.resolve("v2").resolve(golden), archive);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sourceHash(String golden) throws IOException {
        for (String[] g : GoldenArchivesTest.archives()) {
            if (g[0].equals("v2") && g[1].equals(golden)) {
                return g[2];
            }
        }
        throw new IllegalStateException("no golden archive v2/" + golden);
    }

    private static void delete(Path dir) {
        LocalFiles.deleteTreeQuietly(dir); // temporary copies of committed test resources
    }
}
