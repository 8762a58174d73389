package org.photonzip.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.photonzip.archive.golden.GoldenArchivesTest;

/**
 * summary.json owns its format in one record: the summaries the earlier tree-building writer committed to the
 * golden archives parse into {@link Summary} and write back byte for byte; the record hands out no mutable state;
 * the checks keep their messages.
 */
class SummaryRecordTest {
    @Test
    void goldenSummariesWriteBackByteForByte() throws IOException {
        int n = 0;
        for (String version : new String[] {"v1", "v2"}) {
            try (Stream<Path> archives = Files.list(GoldenArchivesTest.ROOT.resolve(version))) {
                for (Path a : archives.filter(Files::isDirectory).toList()) {
                    byte[] json = Files.readAllBytes(a.resolve(ArchiveLayout.SUMMARY));
                    CommitMarker marker =
                            CommitMarker.parse(Files.readAllBytes(a.resolve(ArchiveLayout.SUCCESS)), a.toString());
                    assertArrayEquals(
                            json, Summary.parse(json, marker, a.toString()).toJson(), a.toString());
                    n++;
                }
            }
        }
        assertEquals(12, n, "six golden archives of each format version");
    }

    @Test
    void theRecordHandsOutCopies() throws IOException {
        Path a = GoldenArchivesTest.ROOT.resolve("v2/classical.pz");
        Summary s = Summary.parse(
                Files.readAllBytes(a.resolve(ArchiveLayout.SUMMARY)),
                CommitMarker.parse(Files.readAllBytes(a.resolve(ArchiveLayout.SUCCESS)), "a"),
                "a");
        int frames = s.shape()[0];
        s.shape()[0] = -1;
        s.tiles().maxShape()[0] = -1;
        assertEquals(frames, s.shape()[0]);
        assertTrue(s.tiles().maxShape()[0] > 0);
        assertThrows(
                UnsupportedOperationException.class, () -> s.source().filters().add("x"));
    }

    @Test
    void aWrongDtypeIsRefusedNamingTheField() throws IOException {
        Path a = GoldenArchivesTest.ROOT.resolve("v2/classical.pz");
        String json = Files.readString(a.resolve(ArchiveLayout.SUMMARY)).replace("\"uint16\"", "\"float32\"");
        CommitMarker marker = CommitMarker.parse(Files.readAllBytes(a.resolve(ArchiveLayout.SUCCESS)), "a");
        InvalidArchiveException e = assertThrows(
                InvalidArchiveException.class, () -> Summary.parse(json.getBytes(StandardCharsets.UTF_8), marker, "a"));
        assertTrue(
                e.getMessage()
                        .startsWith("Invalid archive a: summary.json field source.dtype is \"float32\", "
                                + "expected one of "),
                e.getMessage());
    }
}
