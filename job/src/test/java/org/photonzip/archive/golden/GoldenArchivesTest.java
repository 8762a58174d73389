package org.photonzip.archive.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.SampleHash;
import org.photonzip.codec.Tile;
import org.photonzip.restore.Region;
import org.photonzip.restore.Restorer;

/**
 * Every committed golden archive, of every format version, still opens, decodes tile by tile and restores to
 * exactly its source's samples (their SHA-256 in the version's index.csv).
 */
public class GoldenArchivesTest {
    public static final Path ROOT = Path.of("src/test/resources/golden-archives");

    @TempDir
    Path dir;

    /** (version directory, archive name, source SHA-256) for every archive of every index. */
    public static List<String[]> archives() throws IOException {
        List<String[]> all = new ArrayList<>();
        try (Stream<Path> versions = Files.list(ROOT)) {
            for (Path v : versions.filter(Files::isDirectory).sorted().toList()) {
                List<String> lines = Files.readAllLines(v.resolve("index.csv"));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    all.add(new String[] {v.getFileName().toString(), f[0], f[4]});
                }
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenArchiveDecodesToItsSource() throws IOException {
        List<String[]> all = archives();
        assertFalse(all.isEmpty());
        return all.stream()
                .map(a -> DynamicTest.dynamicTest(a[0] + "/" + a[1], () -> {
                    String archive =
                            ROOT.resolve(a[0]).resolve(a[1]).toAbsolutePath().toString();
                    ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
                    assertEquals(a[2], SampleHash.of(decodeAll(reader)), "tile by tile");
                    Path out = dir.resolve(a[0] + "-" + a[1] + ".h5");
                    Restorer.restore(
                            reader,
                            out.toString(),
                            Region.whole(reader.summary().shape()),
                            false,
                            2);
                    assertEquals(a[2], GoldenArchiveWriter.sourceHash(out), "restored");
                }));
    }

    /** The whole stack, assembled from every tile read through the checked path. */
    public static short[] decodeAll(ArchiveReader reader) throws IOException {
        int[] s = reader.summary().shape();
        short[] all = new short[s[0] * s[1] * s[2]];
        for (TileRow r : reader.rows()) {
            Tile t = reader.decodeTile(r);
            for (int f = 0; f < r.frames(); f++) {
                for (int y = 0; y < r.height(); y++) {
                    System.arraycopy(
                            t.samples(),
                            (f * r.height() + y) * r.width(),
                            all,
                            ((r.t0() + f) * s[1] + r.y0() + y) * s[2] + r.x0(),
                            r.width());
                }
            }
        }
        return all;
    }
}
