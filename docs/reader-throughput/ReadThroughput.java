import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads a stack spec whole, in bands of whole frames (as bench reads a stack whose tiles span its width), through
 * {@code StackSources.open}, the API that every photonzip build since the bench has; prints the read rate and the
 * SHA-256 of the samples read, so two builds can be compared in one script. Launched as a single-file program
 * against a build's classpath by reader-throughput.sh.
 */
public class ReadThroughput {
    public static void main(String[] args) throws Exception {
        String spec = args[0];
        int repeats = Integer.parseInt(args[1]);
        for (int r = 0; r < repeats; r++) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            long reading = 0;
            long samples;
            try (StackSource s = StackSources.open(spec)) {
                int plane = s.height() * s.width();
                int band = (int) Math.max(1, Math.min(s.frames(), (16L << 20) / plane));
                short[] buf = new short[band * plane];
                ByteBuffer bytes = ByteBuffer.allocate(buf.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int t = 0; t < s.frames(); t += band) {
                    int n = Math.min(band, s.frames() - t);
                    long t0 = System.nanoTime();
                    s.read(t, n, 0, s.height(), 0, s.width(), buf);
                    reading += System.nanoTime() - t0;
                    bytes.clear();
                    bytes.asShortBuffer().put(buf, 0, n * plane);
                    sha.update(bytes.array(), 0, n * plane * 2);
                }
                samples = s.samples();
            }
            double openAndRead = (System.nanoTime() - start - 0.0) / 1e9;
            System.out.printf(Locale.ROOT, "%s  %,d samples  read %.1f MB/s (reads %.3f s, open+read %.3f s)  sha256 %s%n",
                    spec, samples, samples * 2 / 1e6 / (reading / 1e9), reading / 1e9, openAndRead,
                    HexFormat.of().formatHex(sha.digest()));
        }
    }
}
