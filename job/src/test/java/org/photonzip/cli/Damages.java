package org.photonzip.cli;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.TileRow;

/** The damage classes of issue #8, each a change to a copy of a valid archive. */
final class Damages {
    interface Damage {
        void apply(Path archive) throws IOException;
    }

    /** A damage, and words the refusal must contain (file, tile or field). */
    record Case(String name, Damage damage, List<String> mentions) {}

    private Damages() {}

    static List<Case> manifestRows() {
        List<Case> c = new ArrayList<>();
        c.add(new Case(
                "rows: two rows' positions exchanged",
                a -> ArchiveDamage.rewriteRows(a, rows -> {
                    TileRow x = rows.get(0);
                    TileRow y = sameShape(rows, x);
                    rows.set(rows.indexOf(x), ArchiveDamage.with(x, y.t0(), y.y0(), y.x0(), x.offset(), x.length()));
                    rows.set(rows.indexOf(y), ArchiveDamage.with(y, x.t0(), x.y0(), x.x0(), y.offset(), y.length()));
                    return rows;
                }),
                List.of("tile", "frame")));
        c.add(new Case(
                "rows: a row dropped",
                a -> ArchiveDamage.rewriteRows(a, rows -> {
                    rows.remove(rows.size() / 2);
                    return rows;
                }),
                List.of(ArchiveLayout.MANIFEST, "cover")));
        c.add(new Case(
                "rows: two rows overlap",
                a -> ArchiveDamage.rewriteRows(a, rows -> {
                    TileRow x = rows.get(1);
                    TileRow y = rows.get(0);
                    rows.set(1, ArchiveDamage.with(x, y.t0(), y.y0(), y.x0(), x.offset(), x.length()));
                    return rows;
                }),
                List.of(ArchiveLayout.MANIFEST, "overlaps")));
        c.add(new Case(
                "rows: a row outside the stack",
                a -> ArchiveDamage.rewriteRows(a, rows -> {
                    TileRow x = rows.get(0);
                    rows.set(0, ArchiveDamage.with(x, x.t0() + 1000, x.y0(), x.x0(), x.offset(), x.length()));
                    return rows;
                }),
                List.of(ArchiveLayout.MANIFEST, "row 0", "outside")));
        c.add(new Case(
                "rows: a negative offset",
                a -> ArchiveDamage.rewriteRows(a, rows -> {
                    TileRow x = rows.get(2);
                    rows.set(2, ArchiveDamage.with(x, x.t0(), x.y0(), x.x0(), -1, x.length()));
                    return rows;
                }),
                List.of(ArchiveLayout.MANIFEST, "row 2", "offset")));
        for (long length : new long[] {1L << 31, -5, (1L << 31) - 1, 0}) {
            c.add(new Case(
                    "rows: length " + length,
                    a -> ArchiveDamage.rewriteRows(a, rows -> {
                        TileRow x = rows.get(3);
                        rows.set(3, ArchiveDamage.with(x, x.t0(), x.y0(), x.x0(), x.offset(), length));
                        return rows;
                    }),
                    List.of(ArchiveLayout.MANIFEST, "row 3", "length")));
        }
        c.add(new Case(
                "rows: a row points at another tile's stream and hashes",
                a -> ArchiveDamage.rewriteRows(a, rows -> {
                    TileRow x = rows.get(0);
                    TileRow y = sameShape(rows, x);
                    rows.set(rows.indexOf(y), ArchiveDamage.pointingAt(y, x, x.pack(), x.offset()));
                    return rows;
                }),
                List.of(ArchiveLayout.MANIFEST, "offset")));
        c.add(new Case(
                "pack: a tile stream copied into another tile's place with its hashes",
                Damages::copyStream,
                List.of("tile", "frame")));
        return c;
    }

    /** Another row with the shape of {@code x}, in the same pack when there is one (a plain swap). */
    private static TileRow sameShape(List<TileRow> rows, TileRow x) {
        return rows.stream()
                .filter(r -> r != x && r.frames() == x.frames() && r.height() == x.height() && r.width() == x.width())
                .min(Comparator.comparing((TileRow r) -> !r.pack().equals(x.pack())))
                .orElseThrow();
    }

    /**
     * Rebuilds the pack holding tile B with tile A's stream in B's place, points B's row at it with A's CRC32C
     * and pixel hash, moves the rows after it, and re-states the pack and the manifest in _SUCCESS: only the
     * stream's own identity can tell.
     */
    private static void copyStream(Path archive) throws IOException {
        List<TileRow> rows = ArchiveDamage.rows(archive);
        TileRow a = rows.get(0);
        TileRow b = sameShape(rows, a);
        byte[] streamA =
                Arrays.copyOfRange(Files.readAllBytes(archive.resolve("packs/" + a.pack())), (int) a.offset(), (int)
                        (a.offset() + a.length()));
        Path pack = archive.resolve("packs/" + b.pack());
        byte[] old = Files.readAllBytes(pack);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(old, 0, (int) b.offset());
        out.write(streamA);
        out.write(old, (int) (b.offset() + b.length()), old.length - (int) (b.offset() + b.length()));
        Files.write(pack, out.toByteArray());
        long shift = a.length() - b.length();
        ArchiveDamage.rewriteRows(archive, list -> {
            List<TileRow> changed = new ArrayList<>();
            for (TileRow r : list) {
                if (r.equals(b)) {
                    changed.add(ArchiveDamage.pointingAt(r, a, b.pack(), b.offset()));
                } else if (r.pack().equals(b.pack()) && r.offset() > b.offset()) {
                    changed.add(ArchiveDamage.with(r, r.t0(), r.y0(), r.x0(), r.offset() + shift, r.length()));
                } else {
                    changed.add(r);
                }
            }
            return changed;
        });
        ArchiveDamage.restate(archive, "packs/" + b.pack());
    }

    static List<Case> metadataAndSummary() {
        List<Case> c = new ArrayList<>();
        c.add(new Case(
                "metadata.h5: a bit of the flats",
                a -> flipInDataset(a, "/entry/data/flats"),
                List.of(ArchiveLayout.METADATA, "sha256")));
        c.add(new Case(
                "metadata.h5: a bit of the rotation angles",
                a -> flipInDataset(a, "/entry/data/rotation_angle"),
                List.of(ArchiveLayout.METADATA, "sha256")));
        c.add(new Case(
                "summary.json: a bit of dtype",
                a -> flipInText(a, "\"dtype\" : \"uint1", 1),
                List.of(ArchiveLayout.SUMMARY, "sha256")));
        c.add(new Case(
                "summary.json: a bit of shape",
                a -> flipInText(a, "\"shape\" : [ ", 0),
                List.of(ArchiveLayout.SUMMARY, "sha256")));
        c.add(new Case(
                "summary.json: dtype uint8, record re-stated",
                a -> ArchiveDamage.editSummary(
                        a,
                        s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.path("source")).put("dtype", "uint8")),
                List.of("dtype")));
        c.add(new Case(
                "summary.json: shape changed, record re-stated",
                a -> ArchiveDamage.editSummary(a, s -> {
                    com.fasterxml.jackson.databind.node.ArrayNode shape =
                            (com.fasterxml.jackson.databind.node.ArrayNode)
                                    s.path("source").path("shape");
                    shape.set(2, shape.get(2).asInt() + 1);
                }),
                List.of(ArchiveLayout.MANIFEST, "cover")));
        c.add(new Case(
                "summary.json: an error bound the lossless streams lack, record re-stated",
                a -> ArchiveDamage.editRecord(
                        a,
                        s -> s.withBound(new org.photonzip.archive.BoundRecord(
                                org.photonzip.codec.bound.ErrorBound.absolute(8), null, "forged"))),
                List.of("codec.error_bound", "tile")));
        return c;
    }

    private static void flipInDataset(Path archive, String path) throws IOException {
        Path file = archive.resolve(ArchiveLayout.METADATA);
        long address;
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset d = hdf.getDatasetByPath(path);
            address = ((ContiguousDataset) d).getDataAddress();
        }
        ArchiveDamage.flipBit(file, (address + 3) * 8 + 2);
    }

    /** Flips the lowest bit of the byte {@code after} bytes past the end of {@code text} in summary.json. */
    private static void flipInText(Path archive, String text, int after) throws IOException {
        Path file = archive.resolve(ArchiveLayout.SUMMARY);
        String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        int at = s.indexOf(text);
        if (at < 0) {
            throw new IllegalStateException("no " + text + " in " + file);
        }
        ArchiveDamage.flipBit(file, (long) (at + text.length() + after - 1) * 8 + 1);
    }

    /** {@code perFile} random single-bit flips in every file, and each file cut to half its length. */
    static List<Case> sweep(Path pristine, int perFile, long seed) throws IOException {
        List<Case> c = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (String name : ArchiveDamage.files(pristine)) {
            long bits = Files.size(pristine.resolve(name)) * 8;
            for (int i = 0; i < perFile; i++) {
                long bit = rnd.nextLong(bits);
                c.add(new Case(
                        "flip: " + name + " bit " + bit, a -> ArchiveDamage.flipBit(a.resolve(name), bit), List.of()));
            }
            long half = Files.size(pristine.resolve(name)) / 2;
            c.add(new Case(
                    "truncated: " + name + " to " + half + " bytes",
                    a -> ArchiveDamage.truncate(a.resolve(name), half),
                    List.of(name)));
        }
        return c;
    }

    static Case modelSwapped(byte[] otherModel) {
        return new Case(
                "model.pzm: another valid model, record re-stated",
                a -> {
                    Files.write(a.resolve(ArchiveLayout.MODEL), otherModel);
                    ArchiveDamage.restate(a, ArchiveLayout.MODEL);
                },
                List.of(ArchiveLayout.MODEL, "model_sha256"));
    }
}
