package org.photonzip.codec.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.photonzip.codec.TileIdentity;

/** The committed golden streams, as listed by {@code golden/v1/index.tsv} and {@code golden/v2/index.tsv}. */
public final class GoldenIndex {
    private GoldenIndex() {}

    /** One row: the stream's file, the identity it was written for, its model file (or null), its samples' hash. */
    public record Entry(Path stream, int version, TileIdentity identity, Path model, String sha256) {
        public String name() {
            return stream.getParent().getFileName() + "/" + stream.getFileName();
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(stream);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Path root() {
        try {
            return Path.of(GoldenIndex.class.getResource("/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Entry> all() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String version : new String[] {"v1", "v2"}) {
            Path dir = root().resolve(version);
            List<String> lines = Files.readAllLines(dir.resolve("index.tsv"));
            if (!lines.get(0).equals(GoldenGenerator.HEADER)) {
                throw new IllegalStateException("Invalid golden index " + dir + ": header " + lines.get(0));
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                int[] n = new int[9];
                for (int k = 0; k < 9; k++) {
                    n[k] = Integer.parseInt(f[3 + k]);
                }
                TileIdentity id = new TileIdentity(f[2], n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]);
                Path model = f[12].equals("-") ? null : root().resolve(f[12]);
                entries.add(new Entry(dir.resolve(f[0] + ".pztl"), Integer.parseInt(f[1]), id, model, f[13]));
            }
        }
        return entries;
    }
}
