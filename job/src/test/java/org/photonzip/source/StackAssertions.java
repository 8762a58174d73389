package org.photonzip.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;

/** Checks shared by the reader tests. */
final class StackAssertions {
    private StackAssertions() {}

    /** The whole of {@code dataset} (null: found) of {@code file}, through the one reader. */
    static SlabStackSource open(Path file, String dataset) throws IOException {
        return (SlabStackSource) StackSources.open(StackSpec.of(file.toString(), dataset));
    }

    /** The element type and dataset path the reader found, e.g. {@code uint16 /entry/data/data}. */
    static String found(SlabStackSource s) {
        return s.descriptor().dtype() + " " + s.descriptor().datasetPath();
    }

    static short[] readAll(StackSource s, int frames) throws IOException {
        short[] all = new short[frames * s.height() * s.width()];
        s.read(0, frames, 0, s.height(), 0, s.width(), all);
        return all;
    }

    /**
     * Reads assorted sub-blocks (corners, edges, single pixels, odd sizes) of the first {@code frames} frames
     * and checks each equals the corresponding part of {@code full}.
     */
    static void assertSubBlocksMatch(StackSource s, short[] full, int frames) throws IOException {
        int h = s.height();
        int w = s.width();
        int[][] blocks = {
            {0, 1, 0, 1, 0, 1},
            {0, frames, 0, h, 0, w},
            {frames - 1, 1, h - 1, 1, w - 1, 1},
            {Math.min(1, frames - 1), Math.max(1, frames - 2), h / 3, Math.max(1, h / 2), w / 5, Math.max(1, w / 2)},
            {0, frames, h - Math.min(h, 7), Math.min(h, 7), 0, Math.min(w, 3)},
            {frames / 2, 1, 0, h, w - Math.min(w, 11), Math.min(w, 11)},
        };
        for (int[] b : blocks) {
            short[] part = new short[b[1] * b[3] * b[5]];
            s.read(b[0], b[1], b[2], b[3], b[4], b[5], part);
            int i = 0;
            for (int t = b[0]; t < b[0] + b[1]; t++) {
                for (int y = b[2]; y < b[2] + b[3]; y++) {
                    for (int x = b[4]; x < b[4] + b[5]; x++, i++) {
                        if (part[i] != full[(t * h + y) * w + x]) {
                            fail("block " + java.util.Arrays.toString(b) + " differs at t=" + t + " y=" + y + " x=" + x
                                    + ": " + (part[i] & 0xFFFF) + " vs " + (full[(t * h + y) * w + x] & 0xFFFF));
                        }
                    }
                }
            }
        }
    }

    static int value(StackSource s, int t, int y, int x) throws IOException {
        short[] one = new short[1];
        s.read(t, 1, y, 1, x, 1, one);
        return one[0] & 0xFFFF;
    }

    static void assertShape(StackSource s, int frames, int height, int width) {
        assertEquals(
                frames + "x" + height + "x" + width, s.frames() + "x" + s.height() + "x" + s.width(), s.description());
    }
}
