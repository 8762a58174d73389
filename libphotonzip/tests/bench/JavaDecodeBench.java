import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.TileIdentity;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.ModelResolver;

/**
 * The Java side of the C-vs-Java decoder comparison (libphotonzip/README.md): cuts a raw uint16 stack into tiles,
 * encodes them (lossless, absolute or noise-scaled bound, or learned), writes the streams and an index for
 * bench_decode, then decodes every tile with the Java decoder REPEATS times on one thread and prints MB/s and the
 * SHA-256 of the decoded stack.
 * usage: java -cp codec-core/target/classes JavaDecodeBench RAW F H W TF TH TW MODE OUT_PREFIX REPEATS [MODEL]
 * MODE: lossless | abs:N | noise:K | learned | learned-abs:N
 */
public class JavaDecodeBench {
    public static void main(String[] a) throws Exception {
        short[] stack = new short[Integer.parseInt(a[1]) * Integer.parseInt(a[2]) * Integer.parseInt(a[3])];
        ByteBuffer.wrap(Files.readAllBytes(Path.of(a[0]))).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(stack);
        int sf = Integer.parseInt(a[1]), sh = Integer.parseInt(a[2]), sw = Integer.parseInt(a[3]);
        int tf = Integer.parseInt(a[4]), th = Integer.parseInt(a[5]), tw = Integer.parseInt(a[6]);
        String mode = a[7];
        int repeats = Integer.parseInt(a[9]);
        ModelFile model = a.length > 10 ? ModelFile.parse(Files.readAllBytes(Path.of(a[10]))) : null;
        EncoderOptions options = EncoderOptions.CLASSICAL;
        if (mode.startsWith("abs:")) {
            options = options.withErrorBound(ErrorBound.absolute(Integer.parseInt(mode.substring(4))));
        } else if (mode.startsWith("noise:")) {
            options = options.withErrorBound(ErrorBound.noiseScaled(Double.parseDouble(mode.substring(6)),
                    NoiseModel.of(1.5, 100, 3)));
        } else if (mode.equals("learned")) {
            options = EncoderOptions.learned(model, JavaInference.INSTANCE, false);
        } else if (mode.startsWith("learned-abs:")) {
            options = EncoderOptions.learned(model, JavaInference.INSTANCE, false)
                    .withErrorBound(ErrorBound.absolute(Integer.parseInt(mode.substring(12))));
        }
        List<byte[]> streams = new ArrayList<>();
        List<TileIdentity> ids = new ArrayList<>();
        String dataset = "/entry/data/data";
        for (int t0 = 0; t0 < sf; t0 += tf) {
            for (int y0 = 0; y0 < sh; y0 += th) {
                for (int x0 = 0; x0 < sw; x0 += tw) {
                    int f = Math.min(tf, sf - t0), h = Math.min(th, sh - y0), w = Math.min(tw, sw - x0);
                    Tile tile = Tile.allocate(f, h, w);
                    for (int t = 0; t < f; t++) {
                        for (int y = 0; y < h; y++) {
                            System.arraycopy(stack, ((t0 + t) * sh + y0 + y) * sw + x0, tile.samples(),
                                    (t * h + y) * w, w);
                        }
                    }
                    TileIdentity id = new TileIdentity(dataset, t0, y0, x0, f, h, w, sf, sh, sw);
                    streams.add(TileCodec.encode(tile, options, id));
                    ids.add(id);
                }
            }
        }
        long bytes = 0;
        try (FileOutputStream s = new FileOutputStream(a[8] + ".pzs");
             DataOutputStream idx = new DataOutputStream(new FileOutputStream(a[8] + ".idx"))) {
            idx.writeBytes(sf + " " + sh + " " + sw + " " + dataset + "\n");
            for (int i = 0; i < streams.size(); i++) {
                TileIdentity id = ids.get(i);
                idx.writeBytes(bytes + " " + streams.get(i).length + " " + id.t0() + " " + id.y0() + " " + id.x0()
                        + " " + id.frames() + " " + id.height() + " " + id.width() + "\n");
                s.write(streams.get(i));
                bytes += streams.get(i).length;
            }
        }
        ModelResolver models = model == null ? null : ModelResolver.of(model);
        short[] out = new short[stack.length];
        double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime(), cpu = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < streams.size(); i++) {
                byte[] st = streams.get(i);
                TileIdentity id = ids.get(i);
                Tile tile = TileCodec.decode(st, 0, st.length, models, id);
                for (int t = 0; t < id.frames(); t++) {
                    for (int y = 0; y < id.height(); y++) {
                        System.arraycopy(tile.samples(), (t * id.height() + y) * id.width(), out,
                                ((id.t0() + t) * sh + id.y0() + y) * sw + id.x0(), id.width());
                    }
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - cpu) / 1e9);
        }
        ByteBuffer le = ByteBuffer.allocate(2 * out.length).order(ByteOrder.LITTLE_ENDIAN);
        le.asShortBuffer().put(out);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(le.array()));
        System.out.printf("java  %s: %d tiles, %.3f bits/pixel, best of %d: wall %.3f s %.1f MB/s, thread CPU %.3f s"
                + " %.1f MB/s, sha256 %s%n", mode, streams.size(), 8.0 * bytes / stack.length, repeats, best,
                2.0 * stack.length / best / 1e6, bestCpu, 2.0 * stack.length / bestCpu / 1e6, sha);
    }
}
