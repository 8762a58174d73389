package org.photonzip.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.photonzip.fs.Sha256;

/**
 * The commit-record entry of a file the driver wrote (summary, manifest, metadata, model, report): these are
 * small, so they are hashed by reading back what the storage holds, once, just before the commit.
 */
final class DriverFiles {
    private DriverFiles() {}

    static FileEntry entry(FileSystem fs, FileStatus file) throws IOException {
        MessageDigest md = Sha256.newDigest();
        long n;
        try (InputStream in = new DigestInputStream(fs.open(file.getPath()), md)) {
            n = in.transferTo(OutputStream.nullOutputStream());
        }
        if (n != file.getLen()) {
            throw new IOException("Cannot commit: " + file.getPath() + " changed while it was hashed");
        }
        return new FileEntry(n, HexFormat.of().formatHex(md.digest()));
    }
}
