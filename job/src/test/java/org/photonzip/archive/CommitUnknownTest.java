package org.photonzip.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.fs.HadoopFiles;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The third outcome of a commit: the final rename failed and afterwards neither our archive is at the target
 * nor the staging directory is intact (the storage did something, then the connection dropped). The committer
 * must then touch nothing and say so.
 */
class CommitUnknownTest {
    /** Local files whose directory rename moves the source elsewhere, then fails. */
    public static class LosingRename extends DelegateToFileSystem {
        public LosingRename(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new RawLocalFileSystem(), conf, "file", false);
        }

        @Override
        public void renameInternal(Path src, Path dst) throws IOException {
            lose(src);
        }

        @Override
        public void renameInternal(Path src, Path dst, boolean overwrite) throws IOException {
            lose(src);
        }

        private static void lose(Path src) throws IOException {
            java.nio.file.Path from = java.nio.file.Path.of(src.toUri());
            Files.move(from, from.resolveSibling("lost-by-the-storage"));
            throw new IOException("Connection reset during rename");
        }
    }

    @Test
    @Disabled("Since main's AtomicRename, local renames use Files.move, not FileContext, so this injection no longer "
            + "reaches the final rename; it needs a fault hook in AtomicRename (the nightly branch's code)")
    void anUnknownOutcomeTouchesNothingAndSaysSo(@TempDir java.nio.file.Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.AbstractFileSystem.file.impl", LosingRename.class.getName());
        Path target = HadoopFiles.path(dir.resolve("a.pz").toString());
        ArchiveCommitter c = ArchiveCommitter.begin(target, conf, false);
        try (FSDataOutputStream out = c.fileSystem().create(new Path(c.root(), "packs/p.pz"), false)) {
            out.write(new byte[4]);
        }
        TileRow row = new TileRow("/d", 0, 1, 0, 1, 0, 1, "p.pz", 0, 4, 0, "00", 32, "classical");
        CommitStateUnknownException e = assertThrows(CommitStateUnknownException.class, () -> c.commit(List.of(row),
                Map.of("p.pz", new FileEntry(4, ArchiveFiles.sha256(new byte[4])))));
        assertTrue(e.getMessage().startsWith("Cannot tell whether " + target), e.getMessage());
        assertTrue(e.getMessage().contains("photonzip verify"), e.getMessage());
        c.abort();
        java.nio.file.Path lost = dir.resolve("lost-by-the-storage");
        assertTrue(Files.exists(lost.resolve("_SUCCESS")), "what the storage holds is left as it is");
        assertTrue(Files.exists(lost.resolve("packs/p.pz")));
        assertFalse(Files.exists(dir.resolve("a.pz")));
    }
}
