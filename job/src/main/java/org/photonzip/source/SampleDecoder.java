package org.photonzip.source;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Turns stored sample bytes (uint16/int16/uint8/int8, either byte order) into uint16 bit patterns. */
final class SampleDecoder {
    private final StackDescriptor stack;
    private final int elementSize;
    private final boolean signed;
    private final ByteOrder order;

    SampleDecoder(StackDescriptor stack) {
        this.stack = stack;
        this.elementSize = stack.elementSize();
        this.signed = stack.signed();
        this.order = stack.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    int elementSize() {
        return elementSize;
    }

    /**
     * Decodes {@code n} samples from {@code src[at..]} into {@code dst[0..n)}; {@code t, y, x} locate the first
     * sample for the message when a signed value is negative.
     */
    void decode(byte[] src, int at, short[] dst, int n, int t, int y, int x) {
        if (elementSize == 2) {
            ByteBuffer.wrap(src, at, n * 2).order(order).asShortBuffer().get(dst, 0, n);
            if (signed) {
                for (int i = 0; i < n; i++) {
                    if (dst[i] < 0) {
                        throw negative(dst[i], t, y, x + i);
                    }
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                byte b = src[at + i];
                if (signed && b < 0) {
                    throw negative(b, t, y, x + i);
                }
                dst[i] = (short) (b & 0xFF);
            }
        }
    }

    private UnsupportedStackException negative(int value, int t, int y, int x) {
        return unsupported(stack, value, t, y, x);
    }

    /** The error for a sample at frame {@code t}, row {@code y}, column {@code x} that is no uint16 value. */
    static UnsupportedStackException unsupported(StackDescriptor stack, long value, int t, int y, int x) {
        return new UnsupportedStackException("Unsupported value " + value + " at frame " + t + " row " + y
                + " column " + x + " of " + stack.description() + " (" + stack.dtype()
                + "): a uint16 stack holds 0..65535 only");
    }
}
