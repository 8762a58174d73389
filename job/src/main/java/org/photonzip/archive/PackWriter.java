package org.photonzip.archive;

import java.io.Closeable;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.Sha256;

/**
 * Appends tile streams to one new pack file. A pack is just the streams one after another; each stream says its
 * own length, so a pack can be walked even without the manifest. The file is created exclusively (never over an
 * existing one) and is only referenced once {@link #close} has returned.
 */
public final class PackWriter implements Closeable {
    private final FSDataOutputStream out;
    private final Path path;
    private final MessageDigest digest = Sha256.newDigest();
    private long position;
    private String sha256;

    private PackWriter(FSDataOutputStream out, Path path) {
        this.out = out;
        this.path = path;
    }

    public static PackWriter create(FileSystem fs, Path path) throws IOException {
        return new PackWriter(fs.create(path, false), path);
    }

    /** Appends {@code stream}; returns its offset in the pack. */
    public long append(byte[] stream) throws IOException {
        long at = position;
        out.write(stream);
        digest.update(stream);
        position += stream.length;
        return at;
    }

    public long length() {
        return position;
    }

    public Path path() {
        return path;
    }

    /** Flushes what was written so far without completing the file (used to simulate a task killed mid-write). */
    public void flushPartial() throws IOException {
        out.hflush();
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
    }

    /** The pack as the commit record lists it: hashed while written, so no second pass over it is needed. */
    public FileEntry entry() {
        if (sha256 == null) {
            throw new IllegalStateException("Cannot list pack " + path + " before it is closed");
        }
        return new FileEntry(position, sha256);
    }

    /** CRC32C of {@code bytes[off, off+len)} as an unsigned value. */
    public static long crc32c(byte[] bytes, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, off, len);
        return crc.getValue();
    }
}
