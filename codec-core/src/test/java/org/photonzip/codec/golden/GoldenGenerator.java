package org.photonzip.codec.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.learned.RandomModels;

/**
 * Writes the golden tile streams under {@code codec-core/src/test/resources/golden}: {@code v2/} with this
 * build, and {@code v1/} when run against the classes of photonzip 0.1.0 (the last writer of version 1), which
 * has the same {@code TileCodec.encode(Tile, EncoderOptions)}; version-2-only calls live in {@link GoldenV2}, so
 * this class links against either. Each directory gets an {@code index.tsv}: the stream, its identity, its
 * model file and the SHA-256 of its source samples (uint16 little-endian, t, y, x order). How to rerun it is
 * in docs/fuzzing.md.
 */
public final class GoldenGenerator {
    static final String MODEL_FILE = "model.pzmd";
    static final String HEADER = "name\tversion\tdataset\tt0\ty0\tx0\tframes\theight\twidth\tstack_frames"
            + "\tstack_height\tstack_width\tmodel\tsamples_sha256";

    private GoldenGenerator() {}

    /** One golden stream: its source tile, whether it is learned, and the method and value-map kind it must get. */
    record Case(String name, Tile tile, boolean learned, int method, int mapKind) {}

    static List<Case> cases(boolean version1) {
        List<Case> c = new ArrayList<>();
        c.add(new Case("classical", GoldenTiles.projections(6, 20, 24, 1), false, 1, 0));
        c.add(new Case("stored", GoldenTiles.noise(2, 8, 8, 2), false, 0, -1));
        c.add(new Case("lattice", GoldenTiles.lattice(4, 16, 18, 3), false, 1, 1));
        c.add(new Case("one-frame", GoldenTiles.projections(1, 32, 40, 4), false, 1, 0));
        c.add(new Case("pixel-frames", GoldenTiles.series(64, 5), false, 1, 0));
        c.add(new Case("outliers", GoldenTiles.outliers(6, 24, 24, 6), false, 1, 0));
        c.add(new Case("learned", GoldenTiles.projections(6, 20, 24, 7), true, 1, 0));
        if (!version1) {
            c.add(new Case("levels", GoldenTiles.levels(3, 10, 12), false, 1, 1));
            c.add(new Case("full-range", GoldenTiles.fullRange(4, 24, 24, 8), false, 1, 0));
            c.add(new Case("constant", GoldenTiles.constant(4, 16, 16, 4242), false, 1, 0));
            c.add(new Case("placed", GoldenTiles.projections(4, 20, 24, 9), false, 1, 0));
        }
        return c;
    }

    static ModelFile model() {
        return RandomModels.withShifts(11, 20, 22, 8);
    }

    /** Usage: {@code GoldenGenerator <golden dir> v1|v2}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        boolean version1 = args[1].equals("v1");
        ModelFile model = model();
        Files.createDirectories(dir.resolve(args[1]));
        Files.write(dir.resolve(MODEL_FILE), model.toBytes());
        List<String> index = new ArrayList<>(List.of(HEADER));
        for (Case c : cases(version1)) {
            EncoderOptions options = c.learned()
                    ? EncoderOptions.learned(model, JavaInference.INSTANCE, false)
                    : EncoderOptions.CLASSICAL;
            Tile t = c.tile();
            byte[] stream;
            String identity;
            if (version1) {
                stream = TileCodec.encode(t, options);
                identity = "\t0\t0\t0\t" + t.frames() + "\t" + t.height() + "\t" + t.width() + "\t" + t.frames() + "\t"
                        + t.height() + "\t" + t.width();
            } else {
                GoldenV2.Written w = GoldenV2.encode(c, options);
                stream = w.stream();
                identity = w.identity();
            }
            check(c, stream, version1 ? 1 : 2);
            Files.write(dir.resolve(args[1]).resolve(c.name() + ".pztl"), stream);
            index.add(c.name() + "\t" + (version1 ? 1 : 2) + "\t" + identity + "\t" + (c.learned() ? MODEL_FILE : "-")
                    + "\t" + sha256(t));
            System.out.printf("%s/%s: %d samples, %d bytes%n", args[1], c.name(), t.size(), stream.length);
        }
        Files.write(dir.resolve(args[1]).resolve("index.tsv"), index);
    }

    /** The stream must exercise what its case is for: method, value-map kind, model id. */
    private static void check(Case c, byte[] s, int version) {
        int body = version == 1 ? 32 : 60;
        if (s[4] != version || s[5] != c.method()) {
            throw new IllegalStateException(c.name() + ": version " + s[4] + ", method " + s[5]);
        }
        if (c.method() == 1) {
            int kind = s[body + 4] & 3;
            if (kind != c.mapKind()) {
                throw new IllegalStateException(c.name() + ": value map kind " + kind);
            }
            // The model id follows the 34 bits of an offset map.
            int modelId = ((s[body + 8] & 0xFF) >>> 2 | (s[body + 9] & 0xFF) << 6) & 0xFF;
            if (kind == 0 && modelId != (c.learned() ? 2 : 1)) {
                throw new IllegalStateException(c.name() + ": model id " + modelId);
            }
        }
    }

    public static String sha256(Tile t) {
        byte[] le = new byte[2 * t.size()];
        for (int i = 0; i < t.size(); i++) {
            le[2 * i] = (byte) t.samples()[i];
            le[2 * i + 1] = (byte) (t.samples()[i] >>> 8);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(le));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
