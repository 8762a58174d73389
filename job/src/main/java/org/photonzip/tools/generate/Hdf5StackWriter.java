package org.photonzip.tools.generate;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Writes a generated stack as a NeXus-like HDF5 file with jhdf, streaming frame by frame (one frame chunk per
 * projection, unfiltered), so any stack size needs only a few frames of memory:
 * <pre>
 * /entry                      NXentry, generator settings as attributes
 * /entry/data                 NXdata, signal = data
 * /entry/data/data            uint16  frames × H × W, chunks 1 × H × W
 * /entry/data/flats           uint16  flats × H × W   (if any)
 * /entry/data/darks           uint16  darks × H × W   (if any)
 * /entry/data/rotation_angle  float64 frames, degrees
 * /entry/data/intensity       float32 frames × H × W, expected ADU; attributes gain, read_noise, dark  (optional)
 * /entry/data/column_offset   float64 W, fixed-pattern offset above dark in ADU                       (optional)
 * </pre>
 * The file appears atomically: it is written under a hidden temporary name in the target directory and
 * renamed when complete, so a crash never leaves a half-written file under the final name.
 */
public final class Hdf5StackWriter {
    public static final String GROUP = "/entry/data";
    public static final String DATA = GROUP + "/data";
    public static final String FLATS = GROUP + "/flats";
    public static final String DARKS = GROUP + "/darks";
    public static final String ROTATION_ANGLE = GROUP + "/rotation_angle";
    public static final String INTENSITY = GROUP + "/intensity";
    public static final String COLUMN_OFFSET = GROUP + "/column_offset";

    /** Called after each frame is handed to the file. */
    @FunctionalInterface
    public interface Progress {
        void frameWritten(String dataset, int frame, int frames);
    }

    /** What was written: the final path, its size, and the wall time taken. */
    public record Result(Path file, long bytes, double seconds) {}

    private final boolean intensity;
    private final boolean overwrite;
    private final int threads;
    private final Progress progress;

    /**
     * @param intensity also write the noise-free expected values and column offsets (3× the size of the data)
     * @param overwrite replace an existing file instead of refusing
     * @param threads   threads rendering frames ahead of the writer (1: none)
     * @param progress  progress listener, or null
     */
    public Hdf5StackWriter(boolean intensity, boolean overwrite, int threads, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid threads: " + threads + " (must be at least 1)");
        }
        this.intensity = intensity;
        this.overwrite = overwrite;
        this.threads = threads;
        this.progress = progress != null ? progress : (d, t, n) -> {};
    }

    public Result write(StackGenerator generator, Path out) throws IOException {
        Objects.requireNonNull(generator, "generator");
        Path target = out.toAbsolutePath();
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists (use --overwrite to replace it)");
        }
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "directory does not exist");
        }
        long start = System.nanoTime();
        Path temp = Files.createFile(dir.resolve("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "." + Long.toHexString(System.nanoTime()) + ".tmp"));
        try {
            writeTo(generator, temp);
            if (!overwrite && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "appeared while writing");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new Result(target, Files.size(target), (System.nanoTime() - start) / 1e9);
    }

    private void writeTo(StackGenerator gen, Path file) throws IOException {
        GeneratorConfig cfg = gen.config();
        int h = cfg.height(), w = cfg.width(), pixels = h * w;
        List<FramePipeline<?>> pipelines = new ArrayList<>();
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup entry = hdf.putGroup("entry");
            entry.putAttribute("NX_class", "NXentry");
            entry.putAttribute("generator", "photonzip generate");
            entry.putAttribute("generator_config", cfg.toString());
            WritableGroup data = entry.putGroup("data");
            data.putAttribute("NX_class", "NXdata");
            data.putAttribute("signal", "data");

            WritableDataset d = addUint16(data, "data", cfg.frames(), h, w, pipelines, (b, t) -> gen.frame(t, b));
            d.putAttribute("long_name", "projections");
            d.putAttribute("units", "ADU");
            if (cfg.flats() > 0) {
                addUint16(data, "flats", cfg.flats(), h, w, pipelines, (b, t) -> gen.flat(t, b))
                        .putAttribute("units", "ADU");
            }
            if (cfg.darks() > 0) {
                addUint16(data, "darks", cfg.darks(), h, w, pipelines, (b, t) -> gen.dark(t, b))
                        .putAttribute("units", "ADU");
            }
            data.putDataset("rotation_angle", gen.rotationAngles()).putAttribute("units", "degree");
            if (intensity) {
                StreamedFrameDataset.FrameProducer expected = producer(
                        "intensity",
                        cfg.frames(),
                        pipelines,
                        () -> new float[pixels],
                        (b, t) -> gen.expectedIntensity(t, b),
                        (buf, frame) -> buf.asFloatBuffer().put(frame));
                WritableDataset e = data.putDataset(
                        "intensity", StreamedFrameDataset.float32("intensity", data, cfg.frames(), h, w, expected));
                e.putAttribute("long_name", "noise-free expected value before rounding and clipping");
                e.putAttribute("units", "ADU");
                e.putAttribute("gain", cfg.gain());
                e.putAttribute("read_noise", cfg.readNoiseAdu());
                e.putAttribute("dark", cfg.darkAdu());
                double[] offset = gen.columnBase();
                for (int x = 0; x < w; x++) {
                    offset[x] -= cfg.darkAdu();
                }
                data.putDataset("column_offset", offset).putAttribute("units", "ADU");
            }
        } catch (HdfException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            pipelines.forEach(FramePipeline::close);
        }
    }

    private WritableDataset addUint16(
            WritableGroup group,
            String name,
            int frames,
            int h,
            int w,
            List<FramePipeline<?>> pipelines,
            ObjIntConsumer<short[]> render) {
        return group.putDataset(
                name,
                StreamedFrameDataset.uint16(
                        name,
                        group,
                        frames,
                        h,
                        w,
                        producer(
                                name,
                                frames,
                                pipelines,
                                () -> new short[h * w],
                                render,
                                (buf, frame) -> buf.asShortBuffer().put(frame))));
    }

    /**
     * Adapts a frame pipeline to jhdf's sequential frame requests. The pipeline starts at the first frame (jhdf
     * writes datasets one after another, so only one renders at a time) and closes after the last.
     */
    private <B> StreamedFrameDataset.FrameProducer producer(
            String name,
            int frames,
            List<FramePipeline<?>> pipelines,
            Supplier<B> allocate,
            ObjIntConsumer<B> render,
            BiConsumer<ByteBuffer, B> copy) {
        List<FramePipeline<B>> current = new ArrayList<>(1);
        return (t, buf) -> {
            if (t == 0) {
                FramePipeline<B> p = new FramePipeline<>(frames, threads, allocate, render);
                current.add(p);
                pipelines.add(p);
            }
            FramePipeline<B> p = current.get(current.size() - 1);
            copy.accept(buf, p.next());
            progress.frameWritten(name, t, frames);
            if (t == frames - 1) {
                p.close();
            }
        };
    }
}
