package org.photonzip.tiles;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.photonzip.codec.DecodedTile;
import org.photonzip.codec.EncodedTile;
import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.TileIdentity;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.LearnedModel;
import org.photonzip.codec.model.ModelResolver;
import org.photonzip.training.Backends;
import org.slf4j.LoggerFactory;

/**
 * How the job encodes and decodes the stack's tiles with the archive's model: executors receive a
 * {@code TileCompressor} (broadcast once per job) and the compress, verify, restore and report paths call it.
 * Two other paths call codec-core's {@code TileCodec} directly, with the classical model only: coded metadata
 * datasets ({@code hdf5.MetadataSamples}, checked by {@code restore.CodedRestore}) and the bench's contenders. With a learned model (a model file
 * stored once per archive, carried here as bytes and referenced from tiles by its SHA-256) each tile keeps
 * whichever of the classical and the learned model codes it smaller.
 */
public final class TileCompressor implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Model id of the classical context model (and of tiles stored raw), as written in the manifest. */
    public static final String CLASSICAL = "classical";
    /** Model id of tiles coded with the archive's learned model. */
    public static final String LEARNED = "learned";

    private static final AtomicBoolean BACKEND_LOGGED = new AtomicBoolean();

    private final byte[] modelBytes;
    private final String backendName;
    /** The error bound in its stored fixed point (codec-core's types are not serialisable); null: lossless. */
    private final int[] bound;
    /** A tile keeps the learned model only where its stream is at least this many % smaller (0: any smaller). */
    private int minLearnedSaving;

    // Built lazily on each executor, and shared by its task threads (a broadcast compressor): each is computed in a
    // local and published whole through a volatile field, so that no thread ever sees a half-built value (a race
    // once handed a task the lossless options of an error-bounded archive, which the commit's checks refused).
    private transient volatile ModelFile model;
    private transient volatile EncoderOptions options;

    private TileCompressor(ModelFile model, String backendName) {
        this(model == null ? null : model.toBytes(), backendName, null);
        this.model = model;
    }

    private TileCompressor(byte[] modelBytes, String backendName, int[] bound) {
        this.modelBytes = modelBytes;
        this.backendName = backendName;
        this.bound = bound;
    }

    /** The same compressor coding every tile within {@code errorBound} ({@link ErrorBound#none()}: lossless). */
    public TileCompressor withErrorBound(ErrorBound errorBound) {
        TileCompressor c = new TileCompressor(modelBytes, backendName, BoundCodes.of(errorBound));
        c.minLearnedSaving = minLearnedSaving;
        return c;
    }

    /**
     * The same compressor, a tile keeping the learned model only where its stream is at least {@code percent} %
     * smaller than the classical model's: a learned tile decodes about 4x slower, which a saving of a percent
     * or so does not pay for. 0 (the default) keeps whichever is smaller, as archives always have.
     */
    public TileCompressor withMinLearnedSaving(int percent) {
        TileCompressor c = new TileCompressor(modelBytes, backendName, bound);
        c.model = model;
        c.minLearnedSaving = percent;
        return c;
    }

    /** The bound tiles are encoded within: {@link ErrorBound#none()} unless set. */
    public ErrorBound errorBound() {
        return BoundCodes.bound(bound);
    }

    /** The classical model only. */
    public static TileCompressor classical() {
        return new TileCompressor(null, "java");
    }

    /**
     * Encodes with {@code model} where it beats the classical model, evaluating the network with the named
     * backend ({@code auto}, {@code java}, {@code tf}); decodes with the Java evaluator.
     */
    public static TileCompressor learned(ModelFile model, String backendName) {
        return new TileCompressor(model, backendName);
    }

    /** Decodes the tiles of an archive whose model file (or null, for a classical archive) is given. */
    public static TileCompressor forArchive(ModelFile modelOrNull) {
        return new TileCompressor(modelOrNull, "java");
    }

    /** SHA-256 (hex) of the model file to store in the archive, or null when the classical model needs none. */
    public String modelHash() {
        return model() == null ? null : model().hashHex();
    }

    /** The learned model, or null. */
    public ModelFile model() {
        ModelFile m = model;
        if (m == null && modelBytes != null) {
            m = ModelFile.parse(modelBytes);
            model = m;
        }
        return m;
    }

    /** Encodes a tile that stands alone (reports, tests); {@link #modelIdOf} names the model it chose. */
    public EncodedTile encode(Tile tile) {
        return paying(TileCodec.encodeDetailed(tile, options()), o -> TileCodec.encodeDetailed(tile, o));
    }

    /** Encodes a tile whose stream binds its place {@code identity}; {@link #modelIdOf} names the model it chose. */
    public EncodedTile encode(Tile tile, TileIdentity identity) {
        return paying(
                TileCodec.encodeDetailed(tile, options(), identity), o -> TileCodec.encodeDetailed(tile, o, identity));
    }

    /** {@code chosen}, or the classical stream where a learned one does not save {@link #minLearnedSaving} %. */
    private EncodedTile paying(EncodedTile chosen, java.util.function.Function<EncoderOptions, EncodedTile> encode) {
        if (minLearnedSaving <= 0 || !LEARNED.equals(modelIdOf(chosen))) {
            return chosen;
        }
        EncodedTile classical = encode.apply(EncoderOptions.CLASSICAL.withErrorBound(errorBound()));
        return pays(chosen.stream().length, classical.stream().length, minLearnedSaving) ? chosen : classical;
    }

    /** Whether a learned stream of {@code learned} bytes saves at least {@code percent} % of {@code classical}. */
    static boolean pays(long learned, long classical, int percent) {
        return learned * 100 <= classical * (100 - percent);
    }

    /** The manifest's model id of an encoded tile. */
    public static String modelIdOf(EncodedTile encoded) {
        return encoded.modelId() == LearnedModel.ID ? LEARNED : CLASSICAL;
    }

    /** Decodes one self-contained tile stream of bounded size; checks its stream and sample CRC32Cs. */
    public Tile decode(byte[] buffer, int offset, int length) {
        ModelFile m = model();
        return TileCodec.decode(buffer, offset, length, m == null ? null : ModelResolver.of(m));
    }

    /** Decodes a tile stream with its bound and every sample's bound (0 for lossless tiles). */
    public DecodedTile decodeWithBounds(byte[] buffer, int offset, int length) {
        ModelFile m = model();
        return TileCodec.decodeWithBounds(buffer, offset, length, m == null ? null : ModelResolver.of(m));
    }

    /** The same for the stream of the tile {@code expected} describes (checked before allocation). */
    public DecodedTile decodeWithBounds(byte[] buffer, int offset, int length, TileIdentity expected) {
        ModelFile m = model();
        return TileCodec.decodeWithBounds(buffer, offset, length, m == null ? null : ModelResolver.of(m), expected);
    }

    /** The same, with the stream's bound but not every sample's (see {@link TileCodec#decodeDetailed}). */
    public DecodedTile decodeDetailed(byte[] buffer, int offset, int length, TileIdentity expected) {
        ModelFile m = model();
        return TileCodec.decodeDetailed(buffer, offset, length, m == null ? null : ModelResolver.of(m), expected);
    }

    /**
     * Decodes the stream of the tile {@code expected} describes: its shape and (tile format 2) its place are
     * checked before anything is allocated, then its stream and sample CRC32Cs.
     */
    public Tile decode(byte[] buffer, int offset, int length, TileIdentity expected) {
        ModelFile m = model();
        return TileCodec.decode(buffer, offset, length, m == null ? null : ModelResolver.of(m), expected);
    }

    /** What the chosen model predicted for every sample of {@code tile} (for reports and {@code explain}). */
    public org.photonzip.codec.TileInspector.Inspection inspect(Tile tile) {
        return org.photonzip.codec.TileInspector.inspect(tile, options());
    }

    private EncoderOptions options() {
        EncoderOptions o = options;
        if (o == null) {
            ModelFile m = model();
            if (m == null) {
                o = EncoderOptions.CLASSICAL;
            } else {
                Backends.Selection selection = Backends.select(backendName, 1);
                if (BACKEND_LOGGED.compareAndSet(false, true)) {
                    // Once per JVM: on a cluster this lands in each executor's log.
                    LoggerFactory.getLogger(TileCompressor.class)
                            .info("learned model {}: {}", m.hashHex(), selection.message());
                }
                o = EncoderOptions.learned(m, selection.backend(), true);
            }
            o = o.withErrorBound(errorBound());
            options = o;
        }
        return o;
    }
}
