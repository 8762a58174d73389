/**
 * Synthetic synchrotron projection stacks for tests and benchmarks, and the noise-entropy floor they imply.
 *
 * <h2>Model (per pixel, frame t)</h2>
 * <pre>
 * λ  = E0 · beam(t) · flat(y, x) · T_t(y, x)                 expected photo-electrons
 * I  = dark + offset(x) + gain · λ                            expected ADU ({@code expectedIntensity})
 * v  = clip(round(dark + offset(x) + gain · Poisson(λ) + N(0, σ_read²)), 0, 65535), then zingers and hot pixels
 * </pre>
 * <ul>
 *   <li>{@code T_t}: a phantom (capillary, ellipsoidal grain with dense inclusions and pores, a fibre) rotated
 *       by 180°·t/frames about the vertical axis; exact line integrals of its quadrics, a small blur, and
 *       in-line phase contrast {@code exp(-P)·(1 + κ∇²P)} giving bright/dark edge fringes.</li>
 *   <li>{@code flat}: Gaussian vertical beam profile with ripples, bright spots that saturate, dust, scratches.</li>
 *   <li>{@code beam}: slow drift of a few % and top-up steps of ~1.5 %.</li>
 *   <li>Detector: column offsets (readout blocks, single columns, a few strong ones), hot pixels stuck high,
 *       zingers (single pixels and small clusters, ~1e-4 of the pixels per frame), saturation at 65535.</li>
 *   <li>Poisson counts use the normal approximation above 30 electrons, exact counts below.</li>
 * </ul>
 * Each frame draws from its own random stream keyed by (seed, kind, index): frames render independently, in any
 * order or thread, and the same config gives the same bytes on every JVM (own RNG and exp, no {@code Math.random}).
 *
 * <h2>Entry points</h2>
 * {@link org.photonzip.tools.generate.StackGenerator} (frames on demand, also a {@link org.photonzip.source.StackSource}),
 * {@link org.photonzip.tools.generate.Hdf5StackWriter} (streamed NeXus-like HDF5 file),
 * {@link org.photonzip.tools.generate.NoiseFloor} (bits per pixel no lossless coder can beat).
 */
package org.photonzip.tools.generate;
