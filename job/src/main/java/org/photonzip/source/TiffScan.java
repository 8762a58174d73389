package org.photonzip.source;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.photonzip.hdf5.Hdf5TreeCopy;
import org.photonzip.hdf5.NativeCapture;
import org.photonzip.hdf5.NativeHdf5;
import org.photonzip.hdf5.TiffScanFile;

/**
 * The metadata capture of a TIFF series with references ({@link TiffReferences}): the series, its flat and dark
 * fields and its angles are first written as one NeXus file beside {@code metadata.h5} ({@link TiffScanFile}),
 * which is then captured as a NeXus input is, so that the fields are coded losslessly (uint16) or kept as they are
 * (float32) and a restore writes them where a NeXus input's would be.
 */
final class TiffScan {
    private TiffScan() {}

    static Hdf5TreeCopy.Report capture(
            StackDescriptor d,
            java.nio.file.Path file,
            long maxDatasetBytes,
            NativeCapture.SampleSink samples,
            org.apache.hadoop.conf.Configuration conf)
            throws IOException {
        if (!NativeHdf5.available()) {
            throw new UnsupportedStackException("Cannot archive " + d.input() + " with --flats, --darks or --angles: "
                    + "the HDF5 library does not load here");
        }
        TiffReferences refs = d.references();
        java.nio.file.Path scan = file.resolveSibling("tiff-scan.h5");
        try {
            try (TiffScanFile out = new TiffScanFile(scan, d.frames(), d.height(), d.width(), names(d.tiffFiles()))) {
                fields(out, "data_white", refs.flats(), d, conf);
                fields(out, "data_dark", refs.darks(), d, conf);
                if (refs.angles() != null) {
                    out.putAngles(TiffReferences.angles(refs.angles(), conf), new Path(refs.angles()).getName());
                }
            }
            return NativeCapture.capture(
                    scan, TiffScanFile.STACK, file, InputStack.PLACEHOLDER_ATTRIBUTE, maxDatasetBytes, samples);
        } finally {
            Files.deleteIfExists(scan);
        }
    }

    /** The fields of {@code files} stacked as {@code name}; all uint16 or all float32. */
    private static void fields(
            TiffScanFile out,
            String name,
            List<String> files,
            StackDescriptor d,
            org.apache.hadoop.conf.Configuration conf)
            throws IOException {
        if (files.isEmpty()) {
            return;
        }
        int frame = d.height() * d.width();
        List<TiffReferences.Image> images = new ArrayList<>();
        for (String f : files) {
            images.add(TiffReferences.read(f, d.height(), d.width(), conf));
        }
        boolean floats = images.get(0).f32() != null;
        short[] u16 = floats ? null : new short[frame * images.size()];
        float[] f32 = floats ? new float[frame * images.size()] : null;
        for (int i = 0; i < images.size(); i++) {
            TiffReferences.Image im = images.get(i);
            if ((im.f32() != null) != floats) {
                throw new UnsupportedStackException("Unsupported fields " + files.get(0) + " and " + im.file()
                        + ": one holds uint16 samples, the other float32; name fields of one type");
            }
            System.arraycopy(floats ? im.f32() : im.u16(), 0, floats ? f32 : u16, i * frame, frame);
        }
        if (floats) {
            out.putFloat32(name, f32, names(files));
        } else {
            out.putUint16(name, u16, names(files));
        }
    }

    private static List<String> names(List<String> uris) {
        return uris.stream().map(u -> new Path(u).getName()).toList();
    }
}
