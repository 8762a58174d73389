package org.photonzip.tools.generate;

import io.jhdf.ObjectHeader;
import io.jhdf.WritableDatasetImpl;
import io.jhdf.api.Attribute;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.indexing.ChunkImpl;
import io.jhdf.dataset.chunked.indexing.FixedArrayIndexWriter;
import io.jhdf.exceptions.HdfWritingException;
import io.jhdf.object.datatype.OrderedDataType;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayout;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfFileChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A frames × height × width dataset, chunked one frame per chunk and unfiltered, whose frames are produced one
 * at a time while jhdf writes the file, so a stack of any size is written with one frame in memory.
 *
 * <p>jhdf 0.13.0's own writer needs the whole dataset as one Java array and encodes chunked data into one
 * {@code byte[]} (so at most 2 GB). This subclass keeps jhdf's type, dataspace, attribute and object-header
 * code and replaces only the data step of {@link WritableDatasetImpl#write}: it writes each frame straight to
 * the channel as an unfiltered chunk, then a fixed-array chunk index, the same structures jhdf writes for a
 * chunked dataset (and that h5py reads). The array handed to the superclass only carries the shape and element
 * type: its rows all alias one row, so it costs O(frames + height + width).
 */
final class StreamedFrameDataset extends WritableDatasetImpl {
    /** Fills frame {@code t} into {@code dst} (positioned at 0, capacity one frame, in the file's byte order). */
    @FunctionalInterface
    interface FrameProducer {
        void produce(int t, ByteBuffer dst);
    }

    private final int frames;
    private final int height;
    private final int width;
    private final DataSpace dataSpace;
    private final FrameProducer producer;

    private StreamedFrameDataset(
            Object shape,
            String name,
            Group parent,
            boolean unsigned,
            int frames,
            int height,
            int width,
            FrameProducer producer) {
        super(
                shape,
                name,
                parent,
                unsigned ? DatasetCreationOptions.builder().unsigned().build() : DatasetCreationOptions.DEFAULT);
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.dataSpace = DataSpace.fromObject(shape);
        this.producer = producer;
    }

    /** An unsigned 16-bit dataset. */
    static StreamedFrameDataset uint16(
            String name, Group parent, int frames, int height, int width, FrameProducer producer) {
        short[] row = new short[width];
        short[][] plane = new short[height][];
        java.util.Arrays.fill(plane, row);
        short[][][] shape = new short[frames][][];
        java.util.Arrays.fill(shape, plane);
        return new StreamedFrameDataset(shape, name, parent, true, frames, height, width, producer);
    }

    /** A 32-bit float dataset. */
    static StreamedFrameDataset float32(
            String name, Group parent, int frames, int height, int width, FrameProducer producer) {
        float[] row = new float[width];
        float[][] plane = new float[height][];
        java.util.Arrays.fill(plane, row);
        float[][][] shape = new float[frames][][];
        java.util.Arrays.fill(shape, plane);
        return new StreamedFrameDataset(shape, name, parent, false, frames, height, width, producer);
    }

    @Override
    public DataLayout getDataLayout() {
        return DataLayout.CHUNKED;
    }

    /** The data only exists while it is written. */
    @Override
    public Object getData() {
        throw new UnsupportedOperationException("Cannot read " + getPath() + ": frames are streamed at write time");
    }

    @Override
    public Object getDataFlat() {
        return getData();
    }

    @Override
    public long write(HdfFileChannel channel, long position) {
        try {
            return writeFrames(channel, position);
        } catch (RuntimeException | Error e) {
            // jhdf skips closing its channel when writing fails; close it so the caller can delete the file.
            try {
                channel.getFileChannel().close();
            } catch (java.io.IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private long writeFrames(HdfFileChannel channel, long position) {
        int elementSize = getDataType().getSize();
        int frameBytes = Math.multiplyExact(Math.multiplyExact(height, width), elementSize);
        int[] layoutChunk = {1, height, width, elementSize}; // the layout message appends the element size
        int pageBits = Math.max(10, 32 - Integer.numberOfLeadingZeros(frames - 1));

        List<Message> messages = new ArrayList<>();
        messages.add(DataTypeMessage.create(getDataType()));
        messages.add(DataSpaceMessage.create(dataSpace));
        messages.add(FillValueMessage.NO_FILL);
        // Addresses are known only after the data; a placeholder of the same encoded size fixes the header size.
        DataLayoutMessage placeholder = layout(io.jhdf.Constants.UNDEFINED_ADDRESS, layoutChunk, pageBits);
        messages.add(placeholder);
        if (!getAttributes().isEmpty()) {
            messages.add(AttributeInfoMessage.create());
            for (Map.Entry<String, Attribute> a : getAttributes().entrySet()) {
                messages.add(AttributeMessage.create(a.getKey(), a.getValue()));
            }
        }
        int headerSize =
                new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer().limit();

        long address = position + headerSize;
        ByteOrder order = ((OrderedDataType) getDataType()).getByteOrder();
        ByteBuffer buffer = ByteBuffer.allocateDirect(frameBytes).order(order);
        List<Chunk> chunks = new ArrayList<>(frames);
        for (int t = 0; t < frames; t++) {
            buffer.clear();
            producer.produce(t, buffer);
            buffer.clear(); // the producer may have written through a view; the frame is the whole buffer
            writeFully(channel, buffer, address);
            chunks.add(new ChunkImpl(address, frameBytes, new long[] {t, 0, 0}));
            address += frameBytes;
        }

        long end;
        DataLayoutMessage layout;
        if (frames == 1) {
            layout = layout(chunks.get(0).getAddress(), layoutChunk, pageBits);
            end = address;
        } else {
            ByteBuffer index = FixedArrayIndexWriter.createFixedArray(chunks, address, frameBytes, false, pageBits);
            end = address + index.limit();
            writeFully(channel, index, address);
            layout = layout(address, layoutChunk, pageBits);
        }
        messages.set(messages.indexOf(placeholder), layout);
        ByteBuffer header = new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer();
        if (header.limit() != headerSize) {
            throw new HdfWritingException(
                    "Object header of " + getPath() + " changed size: " + headerSize + " -> " + header.limit());
        }
        writeFully(channel, header, position);
        // jhdf continues with relative writes after the last node.
        channel.position(end);
        return end;
    }

    private DataLayoutMessage layout(long address, int[] layoutChunk, int pageBits) {
        return frames == 1
                ? ChunkedDataLayoutMessageV4.createSingleChunk(address, layoutChunk)
                : ChunkedDataLayoutMessageV4.createFixedArray(address, layoutChunk, pageBits);
    }

    private static void writeFully(HdfFileChannel channel, ByteBuffer buffer, long address) {
        while (buffer.hasRemaining()) {
            address += channel.write(buffer, address);
        }
    }
}
