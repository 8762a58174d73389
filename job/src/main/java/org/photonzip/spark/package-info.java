/**
 * The Spark job: archive projection stacks, verify and restore them.
 *
 * <ul>
 *   <li>{@code source}: an input opened on the driver ({@code InputStack}: checks, layout, metadata capture) and read
 *   on executors ({@code SlabReader}: raw byte ranges of unfiltered HDF5, jhdf for filtered chunks, TIFF strips),
 *   all through {@code fs.HadoopChannel}, which counts every byte fetched;</li>
 *   <li>{@code compress}: the driver's plan and commit ({@code CompressJob}) and the executors' work
 *   ({@code CompressTask}: one slab read, tiles encoded, one pack per task attempt, manifest rows returned);</li>
 *   <li>{@code archive}: the archive format (docs/archive-format.md): manifest, summary, packs, commit marker, and
 *   the commit protocol ({@code ArchiveCommitter});</li>
 *   <li>{@code verify}: every tile decoded in parallel and checked; {@code restore}: tiles decoded band by band into
 *   memory, each chunk then written once, whole, into a copy of {@code metadata.h5} ({@code hdf5.RestoredFile}), which
 *   {@code hdf5.NativeCapture} wrote exactly from the source (jhdf's {@code hdf5.Hdf5TreeCopy} for remote
 *   sources);</li>
 *   <li>{@link org.photonzip.tiles.TileCompressor}: the one place tiles are encoded and decoded, where the learned
 *   model will plug in.</li>
 * </ul>
 */
package org.photonzip.spark;

import org.photonzip.tiles.TileCompressor;