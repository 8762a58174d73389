/**
 * The Spark jobs, and only they: the driver's plan and commit of a compress ({@code CompressJob},
 * {@code BoundedSteps}) and the executors' work ({@code CompressTask}: one slab read, tiles encoded through
 * {@link org.photonzip.tiles.TileCompressor}, one pack per task attempt, manifest rows returned); verify
 * ({@code VerifyJob}, {@code VerifyTask}: every tile decoded in parallel and checked); and in sub-packages the
 * night ({@code night}: a night directory, skips, records, deleting sources after proof), the campaign's restores
 * ({@code campaign}), cluster scheduling ({@code cluster}) and the Spark data source over archives
 * ({@code datasource}).
 *
 * <p>What the jobs use lives elsewhere (docs/architecture.md): reading the input and its scan metadata and noise
 * ({@code source}), the archive format and its commit ({@code archive}), restoring HDF5 ({@code restore}), the
 * parsed options ({@code options}), the report ({@code report}) and the error metrics of a bounded archive
 * ({@code quality}).
 */
package org.photonzip.spark;
