package org.photonzip.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only names inside the archive may be listed: a reader never opens a path the commit record points elsewhere. */
class ArchivePathsTest {
    @ParameterizedTest
    @ValueSource(strings = {"summary.json", "packs/part-00000-0-1-aaaa.pz", "model.pzm", "_x+y-z.csv"})
    void namesInsideTheArchivePass(String name) {
        assertEquals(name, ArchivePaths.checked(name, "a.pz", "files[0].name"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "..",
                "../x",
                "/etc/passwd",
                "packs/../../x",
                "packs/a/b",
                "s3a://b/k",
                "file:/x",
                "a\\b",
                "packs/",
                "packs/..",
                "other/x.pz",
                ".hidden",
                "a\nb",
                "x/../summary.json"
            })
    void namesThatLeaveTheArchiveAreRefused(String name) {
        InvalidArchiveException e =
                assertThrows(InvalidArchiveException.class, () -> ArchivePaths.checked(name, "a.pz", "files[3].name"));
        assertTrue(e.getMessage().startsWith("Invalid archive a.pz: files[3].name names"), e.getMessage());
    }
}
