package org.photonzip.source;

import java.io.Serializable;
import java.util.List;

/**
 * Everything an executor needs to read a part of a stack, and the driver needs to restore its layout: where the
 * samples are (a Hadoop URI and dataset path, or a list of TIFF frames), their shape, element type and storage
 * layout. Built once on the driver by {@link InputStack}; shipped to the tasks inside their closures.
 *
 * @param kind          HDF5 or a TIFF series
 * @param input         the input as the user gave it
 * @param file          HDF5: URI of the file that holds the samples (after following external links)
 * @param dataset       HDF5: path of the dataset inside {@code file}
 * @param datasetPath   the path the stack has as seen from the input (where decompress puts it)
 * @param frames        frames (T)
 * @param height        rows (H)
 * @param width         columns (W)
 * @param dtype         numpy-style element type of the source: uint16, int16, uint8 or int8
 * @param bigEndian     byte order of the stored samples
 * @param layout        contiguous, chunked, compact (HDF5) or tiff
 * @param chunks        chunk shape (T, H, W) of a chunked dataset, else null
 * @param filters       names of the HDF5 filters applied to the chunks (empty when none)
 * @param tiffFiles     TIFF: URIs of the frames in order
 * @param fileBytes     size of the file(s) holding the stack
 * @param storedBytes   bytes the stack's samples occupy in storage (compressed size for filtered HDF5 chunks): the
 *                      denominator of read amplification
 * @param references    TIFF: the flat and dark fields and angles named beside the frames ({@link TiffReferences})
 */
public record StackDescriptor(
        Kind kind,
        String input,
        String file,
        String dataset,
        String datasetPath,
        int frames,
        int height,
        int width,
        String dtype,
        boolean bigEndian,
        String layout,
        int[] chunks,
        List<String> filters,
        List<String> tiffFiles,
        long fileBytes,
        long storedBytes,
        TiffReferences references)
        implements Serializable {

    public enum Kind {
        HDF5,
        TIFF
    }

    /** This TIFF series with {@code refs} named beside its frames. */
    public StackDescriptor withReferences(TiffReferences refs) {
        return new StackDescriptor(
                kind,
                input,
                file,
                dataset,
                datasetPath,
                frames,
                height,
                width,
                dtype,
                bigEndian,
                layout,
                chunks,
                filters,
                tiffFiles,
                fileBytes,
                storedBytes,
                refs);
    }

    /** Bytes one sample takes in the source. */
    public int elementSize() {
        return Dtype.of(dtype).bytes();
    }

    public boolean signed() {
        return Dtype.of(dtype).signed();
    }

    /** Bytes of the stack's samples uncompressed, in the source's element type. */
    public long sourceBytes() {
        return (long) frames * height * width * elementSize();
    }

    /** Bytes fetched from storage per byte the stack occupies there (1.0: every stored byte read once). */
    public double readAmplification(long bytesRead) {
        return storedBytes <= 0 ? 0 : (double) bytesRead / storedBytes;
    }

    public long samples() {
        return (long) frames * height * width;
    }

    public String shapeString() {
        return frames + " x " + height + " x " + width;
    }

    public String description() {
        return kind == Kind.HDF5 ? input + ":" + datasetPath : input;
    }
}
