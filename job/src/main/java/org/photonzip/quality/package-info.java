/**
 * What an error-bounded archive changed: error statistics (max |error|, RMSE, RMSE/σ, PSNR, SSIM), the error's
 * histogram against the uniform-quantisation expectation, its spatial power spectrum, and a filtered
 * back-projection check of a few sinogram rows. Pure computation over sample arrays (no Spark, no I/O), so
 * that the report and tests feed it alike.
 */
package org.photonzip.quality;
