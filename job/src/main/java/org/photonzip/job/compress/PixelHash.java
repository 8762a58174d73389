package org.photonzip.job.compress;

/** Kept for callers of its old place: the manifest's pixel hash is {@link org.photonzip.job.archive.PixelHash}. */
public final class PixelHash {
    private PixelHash() {
    }

    public static String sha256(short[] samples) {
        return org.photonzip.job.archive.PixelHash.sha256(samples);
    }
}
