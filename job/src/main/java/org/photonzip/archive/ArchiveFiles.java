package org.photonzip.archive;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.Sha256;

/**
 * Reads the files an archive's commit record lists, and only those: never more bytes than listed (nor than a
 * limit), and, where the record holds a SHA-256 (format 2), only bytes that match it before they are used.
 */
final class ArchiveFiles {
    private final FileSystem fs;
    private final Path root;
    private final CommitMarker marker;
    private final String where;

    ArchiveFiles(FileSystem fs, Path root, CommitMarker marker, String where) {
        this.fs = fs;
        this.root = root;
        this.marker = marker;
        this.where = where;
    }

    FileEntry entry(String name) {
        FileEntry e = marker.files().get(name);
        if (e == null) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + name + " is not listed in _SUCCESS");
        }
        return e;
    }

    /** The bytes of a small listed file, checked against its listed length and SHA-256. */
    byte[] read(String name, long limit) throws IOException {
        FileEntry e = entry(name);
        if (e.bytes() > limit) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + name + " is listed with " + e.bytes()
                    + " bytes, more than a reader accepts (" + limit + ")");
        }
        byte[] bytes;
        try (InputStream in = open(name)) {
            bytes = in.readNBytes((int) e.bytes() + 1);
        }
        checkLength(name, bytes.length, e);
        checkHash(name, sha256(bytes), e);
        return bytes;
    }

    /** Checks a listed file's SHA-256 by reading it once (no-op in a format-1 archive, which lists none). */
    void checkHash(String name) throws IOException {
        FileEntry e = entry(name);
        if (e.sha256() == null) {
            return;
        }
        MessageDigest md = Sha256.newDigest();
        long n;
        try (InputStream in = new DigestInputStream(open(name), md)) {
            n = in.transferTo(OutputStream.nullOutputStream());
        }
        checkLength(name, n, e);
        checkHash(name, HexFormat.of().formatHex(md.digest()), e);
    }

    /** Copies a listed file to {@code local}, removing the copy unless it matches its length and SHA-256. */
    void copyTo(String name, java.nio.file.Path local) throws IOException {
        FileEntry e = entry(name);
        MessageDigest md = Sha256.newDigest();
        boolean ok = false;
        try {
            long n;
            try (InputStream in = new DigestInputStream(open(name), md)) {
                n = copy(in, local);
            }
            checkLength(name, n, e);
            checkHash(name, HexFormat.of().formatHex(md.digest()), e);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(local);
            }
        }
    }

    /**
     * Copies {@code in} to {@code local}; a failure to write it (a full disk) is a {@link java.nio.file.FileSystemException}
     * naming {@code local}, so the caller can tell it from a failure to read the archive.
     */
    private static long copy(InputStream in, java.nio.file.Path local) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long n = 0;
        OutputStream out;
        try {
            out = Files.newOutputStream(local);
        } catch (IOException e) {
            throw writeFailure(local, e);
        }
        boolean closed = false;
        try {
            for (int r; (r = in.read(buffer)) > 0; n += r) { // a failure to read is the archive's: passed on as is
                try {
                    out.write(buffer, 0, r);
                } catch (IOException e) {
                    throw writeFailure(local, e);
                }
            }
            try {
                out.close();
                closed = true;
            } catch (IOException e) {
                throw writeFailure(local, e);
            }
        } finally {
            if (!closed) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // Already failing; the partial copy is deleted by the caller.
                }
            }
        }
        return n;
    }

    private static java.nio.file.FileSystemException writeFailure(java.nio.file.Path local, IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f;
        }
        java.nio.file.FileSystemException f =
                new java.nio.file.FileSystemException(local.toString(), null, e.getMessage());
        f.initCause(e);
        return f;
    }

    private InputStream open(String name) throws IOException {
        try {
            return fs.open(new Path(root, name));
        } catch (FileNotFoundException ex) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + name + " is missing");
        }
    }

    private void checkLength(String name, long n, FileEntry e) {
        if (n != e.bytes()) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + name + " has "
                    + (n > e.bytes() ? "more than " : "") + n + " bytes, _SUCCESS field bytes says " + e.bytes());
        }
    }

    private void checkHash(String name, String actual, FileEntry e) {
        if (e.sha256() != null && !e.sha256().equals(actual)) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + name + " has SHA-256 " + actual
                    + ", _SUCCESS field sha256 says " + e.sha256());
        }
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
