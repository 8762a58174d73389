package org.photonzip.job.hdf5;

import io.jhdf.ObjectHeader;
import io.jhdf.WritableDatasetImpl;
import io.jhdf.api.Attribute;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.indexing.ChunkImpl;
import io.jhdf.dataset.chunked.indexing.FixedArrayIndexWriter;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayout;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfFileChannel;
import io.jhdf.exceptions.HdfWritingException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A frames × height × width integer dataset whose storage jhdf lays out (object header, chunk index) but does not
 * fill: the samples are written afterwards, tile by tile in any order, straight to the file offsets
 * {@link StackStorage} computes. So a stack of any size is restored with one tile in memory, keeping the source's
 * chunk shape (unfiltered) or its contiguous layout.
 *
 * <p>jhdf 0.13's own writer needs the whole dataset as one Java array. This subclass keeps jhdf's type, dataspace,
 * attribute and object-header code and replaces only the data step of {@link WritableDatasetImpl#write}, as
 * {@code org.photonzip.generate.StreamedFrameDataset} does for generated stacks: the array handed to the
 * superclass only carries the shape and element type (its rows all alias one row).
 */
public final class ReservedStackDataset extends WritableDatasetImpl {
    private final int[] dims;
    private final int[] chunks; // null: contiguous
    private final int elementSize;
    private final DataSpace dataSpace;
    private StackStorage storage;

    private ReservedStackDataset(Object shape, String name, Group parent, boolean unsigned, int[] dims, int[] chunks,
                                 int elementSize) {
        super(shape, name, parent, unsigned ? DatasetCreationOptions.builder().unsigned().build()
                : DatasetCreationOptions.DEFAULT);
        this.dims = dims.clone();
        this.chunks = chunks == null ? null : chunks.clone();
        this.elementSize = elementSize;
        this.dataSpace = DataSpace.fromObject(shape);
    }

    /**
     * A dataset of numpy type {@code dtype} (uint16, int16, uint8, int8) and shape {@code dims}; chunked with
     * {@code chunks} (clipped to the shape), or contiguous when {@code chunks} is null.
     */
    public static ReservedStackDataset create(String dtype, String name, Group parent, int[] dims, int[] chunks) {
        int es = dtype.endsWith("8") ? 1 : 2;
        boolean unsigned = dtype.startsWith("u");
        Object shape;
        if (es == 2) {
            short[][] plane = new short[dims[1]][];
            Arrays.fill(plane, new short[dims[2]]);
            short[][][] all = new short[dims[0]][][];
            Arrays.fill(all, plane);
            shape = all;
        } else {
            byte[][] plane = new byte[dims[1]][];
            Arrays.fill(plane, new byte[dims[2]]);
            byte[][][] all = new byte[dims[0]][][];
            Arrays.fill(all, plane);
            shape = all;
        }
        int[] clipped = chunks == null ? null : new int[]{
                Math.min(chunks[0], dims[0]), Math.min(chunks[1], dims[1]), Math.min(chunks[2], dims[2])};
        return new ReservedStackDataset(shape, name, parent, unsigned, dims, clipped, es);
    }

    /** Where the samples go; known once jhdf has written this dataset (after the file is closed). */
    public StackStorage storage() {
        if (storage == null) {
            throw new IllegalStateException("Cannot locate " + getPath() + ": the file has not been written yet");
        }
        return storage;
    }

    @Override
    public DataLayout getDataLayout() {
        return chunks == null ? DataLayout.CONTIGUOUS : DataLayout.CHUNKED;
    }

    @Override
    public Object getData() {
        throw new UnsupportedOperationException("Cannot read " + getPath() + ": its samples are written after the file");
    }

    @Override
    public Object getDataFlat() {
        return getData();
    }

    @Override
    public long write(HdfFileChannel channel, long position) {
        int[] chunk = chunks != null ? chunks : dims;
        int[] grid = {ceil(dims[0], chunk[0]), ceil(dims[1], chunk[1]), ceil(dims[2], chunk[2])};
        long chunkCount = (long) grid[0] * grid[1] * grid[2];
        long chunkBytes = (long) chunk[0] * chunk[1] * chunk[2] * elementSize;
        if (chunks != null && chunkBytes > Integer.MAX_VALUE) {
            throw new HdfWritingException("Cannot write " + getPath() + ": chunk " + Arrays.toString(chunk)
                    + " is larger than 2 GB");
        }
        int pageBits = Math.max(10, 64 - Long.numberOfLeadingZeros(Math.max(1, chunkCount - 1)));
        int[] layoutChunk = {chunk[0], chunk[1], chunk[2], elementSize};

        List<Message> messages = new ArrayList<>();
        messages.add(DataTypeMessage.create(getDataType()));
        messages.add(DataSpaceMessage.create(dataSpace));
        messages.add(FillValueMessage.NO_FILL);
        DataLayoutMessage placeholder = layout(io.jhdf.Constants.UNDEFINED_ADDRESS, 0, layoutChunk, pageBits, chunkCount);
        messages.add(placeholder);
        if (!getAttributes().isEmpty()) {
            messages.add(AttributeInfoMessage.create());
            for (Map.Entry<String, Attribute> a : getAttributes().entrySet()) {
                messages.add(AttributeMessage.create(a.getKey(), a.getValue()));
            }
        }
        int headerSize = new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer().limit();
        long dataAddress = position + headerSize;
        long dataBytes = chunkCount * chunkBytes;
        long end = dataAddress + dataBytes;
        DataLayoutMessage layout;
        if (chunks == null) {
            layout = ContiguousDataLayoutMessage.create(dataAddress, dataBytes);
        } else if (chunkCount == 1) {
            layout = ChunkedDataLayoutMessageV4.createSingleChunk(dataAddress, layoutChunk);
        } else {
            List<Chunk> list = new ArrayList<>((int) chunkCount);
            for (long i = 0; i < chunkCount; i++) {
                int ti = (int) (i / ((long) grid[1] * grid[2]));
                int yi = (int) (i / grid[2] % grid[1]);
                int xi = (int) (i % grid[2]);
                list.add(new ChunkImpl(dataAddress + i * chunkBytes, (int) chunkBytes,
                        new long[]{(long) ti * chunk[0], (long) yi * chunk[1], (long) xi * chunk[2]}));
            }
            ByteBuffer index = FixedArrayIndexWriter.createFixedArray(list, end, (int) chunkBytes, false, pageBits);
            writeFully(channel, index, end);
            layout = ChunkedDataLayoutMessageV4.createFixedArray(end, layoutChunk, pageBits);
            end += index.limit();
        }
        messages.set(messages.indexOf(placeholder), layout);
        ByteBuffer header = new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer();
        if (header.limit() != headerSize) {
            throw new HdfWritingException("Object header of " + getPath() + " changed size: " + headerSize + " -> "
                    + header.limit());
        }
        writeFully(channel, header, position);
        if (end == dataAddress + dataBytes) {
            // No index follows the samples, which stay a hole until the restorer fills them: give the file its length.
            writeFully(channel, ByteBuffer.allocate(1), end - 1);
        }
        storage = new StackStorage(dims, chunk, grid, dataAddress, chunkBytes, elementSize);
        channel.position(end);
        return end;
    }

    private DataLayoutMessage layout(long address, long size, int[] layoutChunk, int pageBits, long chunkCount) {
        if (chunks == null) {
            return ContiguousDataLayoutMessage.create(address, size);
        }
        return chunkCount == 1 ? ChunkedDataLayoutMessageV4.createSingleChunk(address, layoutChunk)
                : ChunkedDataLayoutMessageV4.createFixedArray(address, layoutChunk, pageBits);
    }

    private static void writeFully(HdfFileChannel channel, ByteBuffer buffer, long address) {
        while (buffer.hasRemaining()) {
            address += channel.write(buffer, address);
        }
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
