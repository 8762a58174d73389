package org.photonzip.cli;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.hdf5.NativeHdf5;

/**
 * Edits of an archive's metadata.h5 (then re-hashed in _SUCCESS) that try to make a restore reach other files, as
 * anyone who can write to the archive store could (issue 17): links, external raw storage and virtual datasets.
 */
final class CraftedMetadata {
    static final String STACK = "/entry/data/data";
    static final String FLATS = "/entry/data/flats";
    static final String DARKS = "/entry/data/darks";
    private static final String MARKER = "photonzip_stack_placeholder";

    /** The files a crafted archive points at; none may change. */
    record Victims(Path hdf5, Path raw, Path text) {}

    /** One edit of an open metadata.h5 ({@code f}); {@code archive} for edits that also touch summary.json. */
    interface Edit {
        void apply(long f, Victims v, Path archive) throws IOException;
    }

    /**
     * An edit, whether an archive carrying it may still restore (exit 0, every value right), and what the refusal
     * of an archive with this edit alone must mention.
     */
    record Craft(String name, Edit edit, boolean harmless, String mention) {
        Craft(String name, Edit edit, boolean harmless) {
            this(name, edit, harmless, "");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private CraftedMetadata() {}

    static List<Craft> all() {
        return List.of(
                new Craft(
                        "flats an external link into another file",
                        (f, v, a) -> {
                            H5.H5Ldelete(f, FLATS, p());
                            H5.H5Lcreate_external(v.hdf5().toString(), FLATS, f, FLATS, p(), p());
                        },
                        false,
                        FLATS + " is an external link"),
                new Craft(
                        "stack twin in external raw storage",
                        (f, v, a) -> replaceWithStorage(
                                f,
                                STACK,
                                dcpl -> H5.H5Pset_external(dcpl, v.raw().toString(), 4096, 1 << 20)),
                        false,
                        STACK + " is stored in external raw storage"),
                new Craft(
                        "stack twin a virtual dataset of another file",
                        (f, v, a) -> replaceWithVirtual(f, STACK, v.hdf5(), STACK),
                        false,
                        STACK + " is a virtual dataset"),
                new Craft(
                        "flats twin a virtual dataset of another file",
                        (f, v, a) -> replaceWithVirtual(f, FLATS, v.hdf5(), FLATS),
                        false,
                        FLATS + " is a virtual dataset"),
                new Craft(
                        "darks twin in external raw storage",
                        (f, v, a) -> replaceWithStorage(
                                f,
                                DARKS,
                                dcpl -> H5.H5Pset_external(dcpl, v.raw().toString(), 0, 1 << 20)),
                        false,
                        DARKS + " is stored in external raw storage"),
                new Craft(
                        "a dataset stored in a text file",
                        (f, v, a) -> externalText(f, v.text()),
                        false,
                        "/entry/notes is stored in external raw storage"),
                new Craft(
                        "an external link compress did not write",
                        (f, v, a) -> H5.H5Lcreate_external(v.text().toString(), "/", f, "/entry/elsewhere", p(), p()),
                        false,
                        "/entry/elsewhere is an external link"),
                new Craft(
                        "flats a soft link through a kept external link",
                        (f, v, a) -> {
                            keptLink(f, a, "/entry/outside", v.hdf5(), "/entry");
                            H5.H5Ldelete(f, FLATS, p());
                            H5.H5Lcreate_soft("/entry/outside/data/flats", f, FLATS, p(), p());
                        },
                        false,
                        FLATS + " is a soft link to /entry/outside/data/flats"),
                new Craft(
                        "coded flats a soft link to a dataset of the file itself",
                        (f, v, a) -> {
                            if (H5.H5Lget_info(f, FLATS, p()).type == HDF5Constants.H5L_TYPE_HARD) {
                                H5.H5Lmove(f, FLATS, f, "/entry/flats_moved", p(), p());
                                H5.H5Lcreate_soft("/entry/flats_moved", f, FLATS, p(), p());
                            }
                        },
                        false,
                        FLATS + " is a soft link, not a dataset of the file itself"),
                new Craft(
                        "a kept external link, as compress writes for one it cannot follow",
                        (f, v, a) -> keptLink(f, a, "/entry/kept", v.hdf5(), "/entry"),
                        true),
                new Craft(
                        "a dangling soft link",
                        (f, v, a) -> H5.H5Lcreate_soft("/entry/nowhere", f, "/entry/dangling", p(), p()),
                        true));
    }

    /** Applies {@code edits} to the archive's metadata.h5 and re-states it (and summary.json) in _SUCCESS. */
    static void apply(Path archive, Victims victims, List<Craft> edits) throws IOException {
        NativeHdf5.load();
        long f = H5.H5Fopen(archive.resolve(ArchiveLayout.METADATA).toString(), HDF5Constants.H5F_ACC_RDWR, p());
        try {
            for (Craft c : edits) {
                c.edit().apply(f, victims, archive);
            }
        } finally {
            H5.H5Fclose(f);
        }
        ArchiveDamage.restate(archive, ArchiveLayout.METADATA, ArchiveLayout.SUMMARY);
    }

    private static long p() {
        return HDF5Constants.H5P_DEFAULT;
    }

    private interface Storage {
        void set(long dcpl);
    }

    /** Replaces the dataset at {@code path} by one of its type and shape stored as {@code storage} says. */
    private static void replaceWithStorage(long f, String path, Storage storage) {
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        storage.set(dcpl);
        replace(f, path, dcpl);
    }

    private static void replaceWithVirtual(long f, String path, Path file, String dataset) {
        long old = H5.H5Dopen(f, path, p());
        long space = H5.H5Dget_space(old);
        H5.H5Dclose(old);
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        H5.H5Pset_virtual(dcpl, space, file.toString(), dataset, space);
        H5.H5Sclose(space);
        replace(f, path, dcpl);
    }

    private static void replace(long f, String path, long dcpl) {
        if (!H5.H5Lexists(f, path, p())) {
            H5.H5Pclose(dcpl);
            return; // an earlier edit made it a link elsewhere
        }
        long old = H5.H5Dopen(f, path, p());
        long type = H5.H5Dget_type(old);
        long space = H5.H5Dget_space(old);
        boolean stack = H5.H5Aexists(old, MARKER);
        H5.H5Dclose(old);
        H5.H5Ldelete(f, path, p());
        long ds = H5.H5Dcreate(f, path, type, space, p(), dcpl, p());
        if (stack) {
            putString(ds, MARKER, path);
        }
        H5.H5Dclose(ds);
        H5.H5Sclose(space);
        H5.H5Tclose(type);
        H5.H5Pclose(dcpl);
    }

    private static void externalText(long f, Path text) {
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        H5.H5Pset_external(dcpl, text.toString(), 0, 64);
        long space = H5.H5Screate_simple(1, new long[] {64}, null);
        long ds = H5.H5Dcreate(f, "/entry/notes", HDF5Constants.H5T_NATIVE_UINT8, space, p(), dcpl, p());
        H5.H5Dclose(ds);
        H5.H5Sclose(space);
        H5.H5Pclose(dcpl);
    }

    /** An external link listed in summary.json as compress lists one it kept because it could not follow it. */
    private static void keptLink(long f, Path archive, String at, Path file, String object) throws IOException {
        H5.H5Lcreate_external(file.toString(), object, f, at, p(), p());
        ArchiveDamage.editSummary(archive, root -> {
            com.fasterxml.jackson.databind.node.ArrayNode list = (com.fasterxml.jackson.databind.node.ArrayNode)
                    root.path("metadata").path("not_captured");
            list.add(at + ": external link to " + file + ":" + object + " cannot be followed (unable to open file)"
                    + "; kept as that link");
        });
    }

    private static void putString(long ds, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long type = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
        H5.H5Tset_size(type, bytes.length);
        long space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
        long attr = H5.H5Acreate(ds, name, type, space, p(), p());
        H5.H5Awrite(attr, type, bytes);
        H5.H5Aclose(attr);
        H5.H5Sclose(space);
        H5.H5Tclose(type);
    }
}
