package org.photonzip.fs;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's SHA-256: of a whole file on any Hadoop file system, streamed (what {@code sha256sum} prints for it), of
 * bytes, and new digests for hashing while writing or reading. Sample hashes are codec-core's {@code SampleHash}.
 */
public final class Sha256 {
    private Sha256() {}

    public static String of(FileSystem fs, Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 20];
        try (FSDataInputStream in = fs.open(file, buffer.length)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash: no SHA-256 in this JVM", e);
        }
    }
}
