package org.photonzip.spark;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.photonzip.fs.Sha256;

/** Reads a pack front to back once, hashing every byte, handing out the byte ranges of its tile streams. */
final class HashingReader implements Closeable {
    private final InputStream in;
    private final MessageDigest md;
    private final byte[] skip = new byte[1 << 16];
    private long position;

    HashingReader(InputStream in) {
        this.in = in;
        this.md = Sha256.newDigest();
    }

    /** Reads (and hashes) up to byte {@code offset}, or to the end of the pack. */
    void skipTo(long offset) throws IOException {
        while (position < offset) {
            int n = in.read(skip, 0, (int) Math.min(skip.length, offset - position));
            if (n < 0) {
                return;
            }
            md.update(skip, 0, n);
            position += n;
        }
    }

    /** The next {@code n} bytes; a pack that ends first fails the tile. */
    byte[] read(int n) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        md.update(b, 0, got);
        position += got;
        if (got < n) {
            throw new EOFException("the pack ends at byte " + position + ", inside the tile stream");
        }
        return b;
    }

    long position() {
        return position;
    }

    String sha256() {
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
