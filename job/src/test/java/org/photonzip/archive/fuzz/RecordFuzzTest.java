package org.photonzip.archive.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.golden.GoldenArchivesTest;
import org.photonzip.fs.LocalFiles;

/**
 * Mutates the commit record, summary and manifest of the golden archives (bit flips, overwritten, deleted and
 * inserted bytes, numbers replaced with edge values), optionally re-stating _SUCCESS to match, and reads the
 * result through the one reader: it must raise photonzip's own exceptions (or an I/O error) and nothing else,
 * within 30 s, allocating a bounded amount; and whatever a format-2 archive lets through must decode to its
 * source's samples ({@link RecordOracle}). The coverage-guided counterpart is {@link ArchiveRecordFuzzTest}.
 * Tries: {@code -Dphotonzip.fuzz.tries=N} (default 60; docs/fuzzing.md for the long run), each from its own seed
 * ({@code -Dphotonzip.fuzz.seed}), which a failure names so it can be replayed.
 */
class RecordFuzzTest {
    static final String[] TARGETS = {ArchiveLayout.SUCCESS, ArchiveLayout.SUMMARY, ArchiveLayout.MANIFEST};
    static final String[] EDGES = {
        "0",
        "-1",
        "-5",
        "2147483647",
        "2147483648",
        "4294967296",
        "9223372036854775807",
        "-9223372036854775808",
        "1e308",
        "null",
        "\"\"",
        "[]",
        "{}",
        "1.5"
    };

    /** One change to a file: what, where (a fraction of its length), and with what. */
    record Edit(int kind, double at, int value, int length) {}

    @Test
    void damagedRecordsAreRefusedWithPhotonzipExceptionsOnly() throws Exception {
        int tries = Integer.getInteger("photonzip.fuzz.tries", 60);
        long seed = Long.getLong("photonzip.fuzz.seed", 20261201L);
        List<String[]> archives = GoldenArchivesTest.archives();
        for (int t = 0; t < tries; t++) {
            Random r = new Random(seed + t);
            List<Edit> edits = new ArrayList<>();
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                edits.add(new Edit(r.nextInt(5), r.nextDouble(), r.nextInt(256), 1 + r.nextInt(64)));
            }
            String[] golden = archives.get(r.nextInt(archives.size()));
            String target = TARGETS[r.nextInt(TARGETS.length)];
            try {
                damage(golden, edits, r.nextBoolean(), target);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(
                        "seed " + (seed + t) + ": " + target + " of " + String.join("/", golden) + " with " + edits, e);
            }
        }
    }

    private static void damage(String[] golden, List<Edit> edits, boolean restate, String target) throws Exception {
        Path work = Files.createTempDirectory("fuzz-");
        try {
            Path archive = work.resolve("a.pz");
            ArchiveDamage.copy(GoldenArchivesTest.ROOT.resolve(golden[0]).resolve(golden[1]), archive);
            Path file = archive.resolve(target);
            byte[] b = Files.readAllBytes(file);
            for (Edit e : edits) {
                b = apply(b, e);
            }
            Files.write(file, b);
            if (restate && !target.equals(ArchiveLayout.SUCCESS)) {
                ArchiveDamage.restate(archive, target);
            }
            RecordOracle.check(archive, golden[0].compareTo("v2") >= 0, golden[2]);
        } finally {
            LocalFiles.deleteTree(work);
        }
    }

    static byte[] apply(byte[] b, Edit e) {
        int at = (int) Math.min(b.length, Math.floor(e.at() * b.length));
        List<Byte> list = new ArrayList<>(b.length + 64);
        for (byte x : b) {
            list.add(x);
        }
        switch (e.kind()) {
            case 0 -> {
                if (at < b.length) {
                    list.set(at, (byte) (b[at] ^ (1 << (e.value() & 7))));
                }
            }
            case 1 -> {
                if (at < b.length) {
                    list.set(at, (byte) e.value());
                }
            }
            case 2 -> list.subList(at, Math.min(b.length, at + e.length())).clear();
            case 3 -> {
                for (int i = 0; i < e.length(); i++) {
                    list.add(at, (byte) (e.value() + i));
                }
            }
            default -> {
                // Replace the number (or token) at or after `at` with an edge value: reaches the checks of a JSON
                // field.
                String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("-?[0-9]+|\"[^\"]*\"").matcher(s);
                if (m.find(at) || m.find(0)) {
                    String t = s.substring(0, m.start()) + EDGES[e.value() % EDGES.length] + s.substring(m.end());
                    return t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                }
            }
        }
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
