package org.photonzip.restore;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileCheckException;
import org.photonzip.archive.TileRow;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore either writes the whole region, every tile checked, or leaves nothing: a tile failing on one of the
 * parallel writers fails it (it once left a hole of zeros and exit 0), a full disk is the destination's fault,
 * and an existing output is never clobbered by a failed restore.
 */
class RestoreFailureTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden-archives/v1/many-tiles.pz");

    @TempDir
    Path dir;

    private Path archive() throws IOException {
        Path a = dir.resolve("a.pz");
        ArchiveDamage.copy(GOLDEN, a);
        return a;
    }

    private static ArchiveReader open(Path a) throws IOException {
        return ArchiveReader.open(a.toString(), new Configuration());
    }

    @RepeatedTest(5)
    void aCorruptTileOnAnyWriterFailsTheWholeRestoreAndLeavesNothing() throws IOException {
        Path a = archive();
        List<TileRow> rows = ArchiveDamage.rows(a);
        TileRow victim = rows.get(rows.size() / 3);
        ArchiveDamage.flipBit(a.resolve("packs/" + victim.pack()), (victim.offset() + victim.length() / 2) * 8);
        Path out = dir.resolve("out.h5");
        ArchiveReader reader = open(a);
        TileCheckException e = assertThrows(TileCheckException.class, () -> Restorer.restore(reader, out.toString(),
                Region.whole(reader.summary().shape()), false, 4));
        assertTrue(e.getMessage().contains(victim.position()), e.getMessage());
        assertFalse(Files.exists(out), "no partial output");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFullDiskIsTheDestinationsFaultAndLeavesNothing() throws IOException {
        ArchiveReader reader = open(archive());
        Path out = dir.resolve("out.h5");
        DestinationException e = assertThrows(DestinationException.class, () -> Restorer.restore(reader,
                out.toString(), Region.whole(reader.summary().shape()), false, 3,
                f -> new FullDiskChannel(FileChannel.open(f, StandardOpenOption.WRITE), 5000)));
        assertTrue(e.getMessage().startsWith("Cannot write " + out), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailedOverwriteKeepsTheExistingOutput() throws IOException {
        ArchiveReader reader = open(archive());
        Path out = dir.resolve("out.h5");
        byte[] before = {1, 2, 3};
        Files.write(out, before);
        assertThrows(DestinationException.class, () -> Restorer.restore(reader, out.toString(),
                Region.whole(reader.summary().shape()), true, 2,
                f -> new FullDiskChannel(FileChannel.open(f, StandardOpenOption.WRITE), 100)));
        assertArrayEquals(before, Files.readAllBytes(out));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> Restorer.restore(reader, out.toString(),
                Region.whole(reader.summary().shape()), false, 2));
        assertArrayEquals(before, Files.readAllBytes(out));
    }

    /** Hidden temporary directories a restore left beside its output. */
    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".photonzip-restore")).toList();
        }
    }
}
