import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Before/after speed and size of the lossless codec in one JVM: two codec-core jars, each in its own class
 * loader, coded on the same tiles in alternating order (ABBA...), every round trip checked. Usage in README.md.
 */
public class CodecAB {
    record Side(String name, Method wrap, Method encode, Method decode, Method samples) {}

    static Side side(String name, String jar) throws Exception {
        ClassLoader cl = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, null);
        Class<?> tile = cl.loadClass("org.photonzip.codec.Tile");
        Class<?> codec = cl.loadClass("org.photonzip.codec.TileCodec");
        return new Side(name, tile.getMethod("wrap", int.class, int.class, int.class, short[].class),
                codec.getMethod("encode", tile), codec.getMethod("decode", byte[].class), tile.getMethod("samples"));
    }

    public static void main(String[] a) throws Exception {
        List<short[]> tiles = new ArrayList<>();
        int f = 79, h = 128, w = 418;
        try (HdfFile file = new HdfFile(Path.of(a[2]))) {
            Dataset ds = file.getDatasetByPath(a[3]);
            int[] shape = ds.getDimensions();
            for (int t0 = 0; t0 + f <= shape[0] && tiles.size() < 8; t0 += f) {
                for (int x0 = 0; x0 + w <= shape[2] && tiles.size() < 8; x0 += w) {
                    Object data = ds.getData(new long[] {t0, 0, x0}, new int[] {f, h, w});
                    short[] s = new short[f * h * w];
                    int i = 0;
                    for (Object plane : (Object[]) data) {
                        for (Object row : (Object[]) plane) {
                            if (row instanceof short[] r) { for (short v : r) s[i++] = v; }
                            else { for (int v : (int[]) row) s[i++] = (short) v; }
                        }
                    }
                    tiles.add(s);
                }
            }
        }
        Side[] sides = {side("before", a[0]), side("after", a[1])};
        double mb = tiles.size() * 2.0 * f * h * w / 1e6;
        double[][] best = new double[2][2];
        for (double[] b : best) { b[0] = b[1] = Double.MAX_VALUE; }
        long[] bytes = new long[2];
        for (int rep = 0; rep < Integer.parseInt(a[4]); rep++) {
            for (int k = 0; k < 2; k++) {
                int s = (rep % 2 == 0) ? k : 1 - k;
                Side sd = sides[s];
                List<byte[]> streams = new ArrayList<>();
                long t = System.nanoTime();
                for (short[] x : tiles) {
                    streams.add((byte[]) sd.encode.invoke(null, sd.wrap.invoke(null, f, h, w, x.clone())));
                }
                double enc = (System.nanoTime() - t) / 1e9;
                t = System.nanoTime();
                int n = 0;
                for (byte[] st : streams) {
                    short[] back = (short[]) sd.samples.invoke(sd.decode.invoke(null, (Object) st));
                    if (!java.util.Arrays.equals(back, tiles.get(n++))) throw new IllegalStateException("mismatch");
                }
                double dec = (System.nanoTime() - t) / 1e9;
                best[s][0] = Math.min(best[s][0], enc);
                best[s][1] = Math.min(best[s][1], dec);
                bytes[s] = streams.stream().mapToLong(b -> b.length).sum();
                System.out.printf("rep %d %-6s enc %6.1f MB/s dec %6.1f MB/s%n", rep, sd.name, mb / enc, mb / dec);
            }
        }
        for (int s = 0; s < 2; s++) {
            System.out.printf("best %-6s %d tiles %.1f MB: %d bytes (%.4f bits/px), enc %.1f MB/s, dec %.1f MB/s%n",
                    sides[s].name, tiles.size(), mb, bytes[s], 8.0 * bytes[s] / (mb * 1e6 / 2), mb / best[s][0], mb / best[s][1]);
        }
        System.out.printf("after/before: enc %.3f, dec %.3f%n", best[0][0] / best[1][0], best[0][1] / best[1][1]);
    }
}
