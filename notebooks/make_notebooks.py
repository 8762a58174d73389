"""Writes the notebooks from their cell sources here, so that diffs of the notebooks stay reviewable.

Run with Debian's python3 (nbformat): /usr/bin/python3 notebooks/make_notebooks.py
"""
import os
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

HERE = os.path.dirname(os.path.abspath(__file__))

INPUTS = '''import os, pathlib
# Where the inputs are: PHOTONZIP_NOTEBOOK_INPUTS (CI points it at what the test run produced),
# else ../job/target/notebook-inputs from this folder.
INPUTS = pathlib.Path(os.environ.get("PHOTONZIP_NOTEBOOK_INPUTS",
                                     pathlib.Path.cwd().parent / "job" / "target" / "notebook-inputs"))
print("reading from", INPUTS)'''


def write(name, cells):
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.write(nb, os.path.join(HERE, name))


write("archive-inspection.ipynb", [
    new_markdown_cell("# Inspecting an archive\n\nWhere did the bits go? Reads an archive written by "
                      "`bin/photonzip compress` (its `summary.json`, `manifest.csv` and `frames.csv`; no pyarrow "
                      "needed), and a frame read from it with the Python package, compared with the source when present."),
    new_code_cell(INPUTS + '''
import json
import numpy as np
import pandas as pd
import h5py
%matplotlib inline
import matplotlib.pyplot as plt
ARCHIVE = pathlib.Path(os.environ.get("PHOTONZIP_ARCHIVE", INPUTS / "sample.pz"))
summary = json.loads((ARCHIVE / "summary.json").read_text())
totals = summary["totals"]
pd.Series({"source": summary["source"]["input"], "shape": summary["source"]["shape"],
           "model": summary["codec"]["model_id"], "bits/pixel": totals["bits_per_pixel"],
           "ratio": totals["ratio"], "seconds": totals["seconds"]})'''),
    new_code_cell('''manifest = pd.read_csv(ARCHIVE / "manifest.csv")
# The manifest and the summary must agree: every tile counted once.
assert manifest.frames.mul(manifest.height).mul(manifest.width).sum() == np.prod(summary["source"]["shape"])
bpp = 8 * manifest.length.sum() / manifest.frames.mul(manifest.height).mul(manifest.width).sum()
assert abs(bpp - totals["bits_per_pixel"]) < 1e-3, (bpp, totals["bits_per_pixel"])
manifest[["t0", "frames", "y0", "height", "x0", "width", "length", "bits_per_pixel", "model_id"]].head(20)'''),
    new_markdown_cell("Bits per pixel per tile over the detector (averaged over frame runs) and per frame over "
                      "the scan. The first frame of each tile has no temporal context and costs more."),
    new_code_cell('''grid = (manifest.assign(bits=8 * manifest.length, n=manifest.frames * manifest.height * manifest.width)
        .groupby(["y0", "x0"])[["bits", "n"]].sum())
grid = (grid.bits / grid.n).unstack()
frames = pd.read_csv(ARCHIVE / "frames.csv")
fig, (a, b) = plt.subplots(1, 2, figsize=(13, 4))
im = a.imshow(grid.values, cmap="viridis"); a.set_title("bits/pixel per tile")
a.set_xticks(range(len(grid.columns)), grid.columns); a.set_yticks(range(len(grid.index)), grid.index)
fig.colorbar(im, ax=a)
b.plot(frames.frame, frames.bits_per_pixel); b.set_xlabel("frame"); b.set_ylabel("bits/pixel")
b.set_title("bits/pixel per frame"); fig.tight_layout()'''),
    new_markdown_cell("A frame read straight from the archive with the Python package (`python/`, over "
                      "libphotonzip; no restore: only the tiles of that frame are decoded, each checked as the Java "
                      "reader checks it) beside the original: identical, value for value."),
    new_code_cell('''import sys
sys.path.insert(0, str(pathlib.Path.cwd().parent / "python"))  # this repository's package (make -C libphotonzip)
import photonzip
archive = photonzip.open(ARCHIVE)
t = archive.shape[0] // 2
b = archive[t]
print(archive, "attributes:", dict(archive.attrs))
src = INPUTS / "sample.h5"
if src.exists():
    with h5py.File(src, "r") as f:
        a = f[archive.dataset][t]
    assert a.dtype == b.dtype and np.array_equal(a, b), "frame read from the archive differs"
    fig, ax = plt.subplots(1, 3, figsize=(13, 4))
    ax[0].imshow(a, cmap="gray"); ax[0].set_title(f"original frame {t}")
    ax[1].imshow(b, cmap="gray"); ax[1].set_title("read from the archive")
    ax[2].imshow(a.astype(int) - b.astype(int), cmap="coolwarm"); ax[2].set_title("difference (all zero)")
else:
    plt.imshow(b, cmap="gray"); plt.title(f"frame {t} read from the archive (no source beside it)")'''),
])


write("model-insight.ipynb", [
    new_markdown_cell("# What the model learned\n\nReads the output of `bin/photonzip explain ARCHIVE --frame N -o "
                      "DIR`: the original frame, the model's prediction, the residual and the predicted scale "
                      "(its confidence)."),
    new_code_cell(INPUTS + '''
import numpy as np
import h5py
%matplotlib inline
import matplotlib.pyplot as plt
EXPLAIN = pathlib.Path(os.environ.get("PHOTONZIP_EXPLAIN", INPUTS / "explain"))
with h5py.File(EXPLAIN / "explain.h5", "r") as f:
    original, prediction = f["original"][()], f["prediction"][()]
    residual, scale = f["residual"][()], f["scale"][()]
    frame = int(f.attrs["frame"])
assert np.array_equal(original, prediction + residual)
print(f"frame {frame}: {original.shape}, mean |residual| {np.abs(residual).mean():.1f}, "
      f"mean predicted scale {scale.mean():.1f}")'''),
    new_code_cell('''fig, ax = plt.subplots(2, 2, figsize=(12, 9))
lim = np.percentile(np.abs(residual), 99.5)
for a, img, title, kw in [(ax[0, 0], original, "original", dict(cmap="gray")),
                          (ax[0, 1], prediction, "prediction", dict(cmap="gray")),
                          (ax[1, 0], residual, "residual", dict(cmap="coolwarm", vmin=-lim, vmax=lim)),
                          (ax[1, 1], scale, "predicted scale (confidence)", dict(cmap="magma"))]:
    fig.colorbar(a.imshow(img, **kw), ax=a); a.set_title(title)
fig.tight_layout()'''),
    new_markdown_cell("Is the predicted scale honest? Residuals divided by it should follow one distribution, "
                      "whatever the brightness; and |residual| should grow with the scale."),
    new_code_cell('''z = residual / np.maximum(scale, 0.5)
fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4))
a.hist(z.ravel(), bins=np.linspace(-8, 8, 65), density=True, label="residual / scale")
xs = np.linspace(-8, 8, 400); a.plot(xs, 0.5 * np.exp(-np.abs(xs)), label="Laplace(0, 1)"); a.legend()
order = np.argsort(scale.ravel()); bins = np.array_split(order, 20)
b.plot([scale.ravel()[i].mean() for i in bins], [np.abs(residual.ravel()[i]).mean() for i in bins], "o-")
b.set_xlabel("predicted scale"); b.set_ylabel("mean |residual|"); b.set_title("calibration")
corr = np.corrcoef(scale.ravel(), np.abs(residual.ravel()))[0, 1]
print(f"correlation of predicted scale and |residual|: {corr:.2f}")
assert corr > 0, "the predicted scale should track the residuals"'''),
])


write("codec-comparison.ipynb", [
    new_markdown_cell("# Codec comparison\n\nReads the CSV that `bin/photonzip bench ... --csv bench.csv` appends "
                      "to (one row per stack and codec: bits/pixel, ratio, single-thread encode/decode MB/s, and "
                      "the noise floor for generated stacks) and shows ratio against speed per dataset."),
    new_code_cell(INPUTS + '''
import pandas as pd
%matplotlib inline
import matplotlib.pyplot as plt
csv = pathlib.Path(os.environ.get("PHOTONZIP_BENCH_CSV", INPUTS / "bench.csv"))
bench = pd.read_csv(csv)
bench["dataset"] = bench["stack"].map(lambda s: pathlib.Path(s.split(":")[0].split("@")[0]).name)
bench.pivot_table(index="dataset", columns="codec", values="bpp").round(3)'''),
    new_markdown_cell("Bits per pixel relative to photonzip (above 1: the codec needs more bits) and to the "
                      "noise-entropy floor where the stack stores its noise-free intensity."),
    new_code_cell('''codecs = bench[bench.codec != "noise-floor"]
pz = codecs[codecs.codec == "photonzip"].set_index("dataset")["bpp"]
rel = codecs.assign(vs_photonzip=codecs.bpp / codecs.dataset.map(pz))
floor = bench[bench.codec == "noise-floor"].set_index("dataset")["bpp"]
rel["vs_floor"] = rel.bpp / rel.dataset.map(floor)
rel[["dataset", "codec", "bpp", "vs_photonzip", "vs_floor"]].round(3)'''),
    new_code_cell('''datasets = sorted(codecs.dataset.unique())
fig, axes = plt.subplots(1, len(datasets), figsize=(5 * len(datasets), 4), squeeze=False)
for ax, ds in zip(axes[0], datasets):
    d = codecs[codecs.dataset == ds]
    for _, row in d.iterrows():
        ax.scatter(row.encode_mbps, row.ratio, s=40)
        ax.annotate(row.codec, (row.encode_mbps, row.ratio), textcoords="offset points", xytext=(4, 4))
    if ds in floor.index:
        ax.axhline(16 / floor[ds], ls="--", c="grey", label="noise floor")
        ax.legend()
    ax.set_xscale("log"); ax.set_xlabel("encode MB/s (one thread)"); ax.set_ylabel("compression ratio")
    ax.set_title(ds)
fig.tight_layout()
assert len(codecs) > 0, "no codec rows in " + str(csv)'''),
])


write("what-the-bound-changed.ipynb", [
    new_markdown_cell("# What the bound changed\n\nAn error-bounded (lossy) archive keeps every restored value within its "
                      "bound of the source. This notebook shows, for one such archive, what that did: the bound and "
                      "noise model it records, the error per frame (max, RMSE, RMSE/σ, PSNR, SSIM with "
                      "scikit-image), the error histogram against uniform quantisation, the error's power spectrum, "
                      "and a filtered back-projection (scikit-image's `iradon`) of a few sinogram rows from the "
                      "source and from the restored data, the difference measured against the reconstruction's own "
                      "noise. Where the archive's report computed the same figures (`quality.json`, "
                      "`quality-frames.csv`, written by photonzip in Java), they are checked against these."),
    new_code_cell(INPUTS + """
import json
import numpy as np
import pandas as pd
import h5py
from skimage.metrics import structural_similarity
from skimage.transform import iradon
%matplotlib inline
import matplotlib.pyplot as plt
ARCHIVE = pathlib.Path(os.environ.get("PHOTONZIP_BOUNDED_ARCHIVE", INPUTS / "bounded.pz"))
SOURCE = pathlib.Path(os.environ.get("PHOTONZIP_BOUNDED_SOURCE", INPUTS / "sample.h5"))
RESTORED = pathlib.Path(os.environ.get("PHOTONZIP_BOUNDED_RESTORED", INPUTS / "bounded-restored.h5"))
summary = json.loads((ARCHIVE / "summary.json").read_text())
bound = summary["codec"]["error_bound"]
assert bound["lossy"], "not an error-bounded archive"
path = summary["source"]["dataset"]
with h5py.File(RESTORED, "r") as g:
    # jhdf writes fixed-length strings, which h5py returns as bytes
    attrs = {k: (v.decode() if isinstance(v, bytes) else v)
             for k, v in g[path].attrs.items() if k.startswith("photonzip_")}
assert attrs["photonzip_error_bound_mode"] in ("absolute", "noise"), attrs
nm = bound["noise_model"]
pd.Series({"mode": bound["mode"], "bound": bound["bound"], "largest pixel bound": bound["max_pixel_bound"],
           "noise model": f"σ² = {nm['gain']:.4g}·max(I − {nm['dark']:.4g}, 0) + {nm['read_noise']:.4g}²",
           "noise model from": bound["noise_model_origin"], "ratio": summary["totals"]["ratio"],
           "restored file says": attrs["photonzip_error_bound_note"]})"""),
    new_markdown_cell("Every value within its bound, and the per-frame figures, recomputed here with numpy and "
                      "scikit-image (SSIM: Gaussian window σ 1.5, K1 0.01, K2 0.03, data range 65535, as the report)."),
    new_code_cell("""with h5py.File(SOURCE, "r") as f, h5py.File(RESTORED, "r") as g:
    src = f[path][()].astype(np.int64)
    rst = g[path][()].astype(np.int64)
err = rst - src
assert np.abs(err).max() <= bound["max_pixel_bound"], (np.abs(err).max(), bound["max_pixel_bound"])
sigma = np.sqrt(nm["gain"] * np.maximum(src - nm["dark"], 0) + nm["read_noise"] ** 2)
mse = (err ** 2).mean(axis=(1, 2))
rng = (src.max(axis=(1, 2)) - src.min(axis=(1, 2))).astype(float)
frames = pd.DataFrame({
    "max_abs_error": np.abs(err).max(axis=(1, 2)), "rmse": np.sqrt(mse),
    "rmse_over_sigma": np.sqrt(((err / sigma) ** 2).mean(axis=(1, 2))),
    "psnr": 10 * np.log10(65535.0 ** 2 / mse), "psnr_range": 10 * np.log10(rng ** 2 / mse),
    "ssim": [structural_similarity(a.astype(float), b.astype(float), data_range=65535, gaussian_weights=True,
                                   sigma=1.5, use_sample_covariance=False) for a, b in zip(src, rst)]})
java = pd.read_csv(ARCHIVE / "quality-frames.csv")
for col in ["max_abs_error", "rmse", "psnr", "psnr_range"]:
    assert np.allclose(frames[col], java[col], rtol=1e-4), col
assert np.allclose(frames["rmse_over_sigma"], java["rmse_over_sigma"], rtol=1e-3)
# The report filters each tile on its own (mirrored at the cuts), so its SSIM differs slightly near tile edges.
print("largest SSIM difference, report vs scikit-image:", float(np.abs(frames.ssim - java.ssim).max()))
assert np.abs(frames.ssim - java.ssim).max() < 0.01
fig, ax = plt.subplots(2, 2, figsize=(13, 7))
frames[["max_abs_error", "rmse"]].plot(ax=ax[0, 0], title="error per frame (counts)")
frames.rmse_over_sigma.plot(ax=ax[0, 1], title="RMSE / photon-noise σ")
frames[["psnr", "psnr_range"]].plot(ax=ax[1, 0], title="PSNR (dB)")
frames.ssim.plot(ax=ax[1, 1], title="SSIM"); fig.tight_layout()
frames.describe().loc[["mean", "min", "max"]]"""),
    new_markdown_cell("Uniform quantisation predicts every error in −δ..δ equally likely (δ each pixel's bound). "
                      "The histogram of error / (δ + ½) against that expectation, and the error's radially averaged "
                      "power spectrum: flat when the error behaves like white noise."),
    new_code_cell("""if bound["mode"] == "absolute":
    delta = np.full(src.shape, bound["bound"])
else:
    delta = np.floor(bound["bound"] * sigma)  # at the source value: the codec's prediction is within ~σ of it
u = (err / (delta + 0.5)).ravel()
q = json.loads((ARCHIVE / "quality.json").read_text())
h = q["histogram"]
edges = np.linspace(-1.5, 1.5, len(h["centres"]) + 1)
observed = np.histogram(u, bins=edges)[0] / u.size
print("largest bin difference from the report (its δ is the codec's fixed-point bound):", float(np.abs(observed - h["observed"]).max()))
assert np.abs(observed - h["observed"]).max() < 0.02
fig, (a, b) = plt.subplots(1, 2, figsize=(13, 4))
a.bar(h["centres"], observed, width=edges[1] - edges[0], alpha=0.6, label="observed")
a.plot(h["centres"], h["expected"], "k-", label="uniform quantisation"); a.legend()
a.set_xlabel("error / (δ + ½)"); a.set_title(f"total variation {h['totalVariation']:.4f}")
power = np.zeros(src.shape[1:])
for e in err[::max(1, len(err) // 8)]:
    power += np.abs(np.fft.fft2(e - e.mean())) ** 2 / e.size
fy, fx = np.meshgrid(np.fft.fftfreq(src.shape[1]), np.fft.fftfreq(src.shape[2]), indexing="ij")
r = np.hypot(fy, fx); keep = (r > 0) & (r <= 0.5)
nb = min(src.shape[1:]) // 2
ring = np.minimum((r[keep] / 0.5 * nb).astype(int), nb - 1)
radial = np.bincount(ring, power[keep], nb) / np.maximum(np.bincount(ring, None, nb), 1)
radial = radial[radial > 0]
flatness = np.exp(np.log(radial).mean()) / radial.mean()
b.semilogy((np.arange(len(radial)) + 0.5) * 0.5 / nb, radial)
b.set_xlabel("cycles/pixel"); b.set_title(f"error power spectrum, flatness {flatness:.3f} "
                                          f"(report: {q['spectrum']['flatness']:.3f}, {q['spectrum']['verdict']})")
fig.tight_layout()"""),
    new_markdown_cell("Reconstruction check with scikit-image's `iradon` (ramp filter): a few sinogram rows, "
                      "flat/dark-corrected (−log((I−D)/(F−D))) with the file's flats, darks and angles, from the source "
                      "and from the restored data. The reconstruction's own noise σ_rec is estimated from the two "
                      "half-scans: even and odd projections reconstructed apart differ only by noise (and "
                      "undersampling streaks), so σ_rec ≈ std(rec_even − rec_odd) / 2 for the full reconstruction."),
    new_code_cell("""with h5py.File(SOURCE, "r") as f:
    grp = f[path].parent
    flat = grp["flats"][()].mean(axis=0) if "flats" in grp else None
    dark = grp["darks"][()].mean(axis=0) if "darks" in grp else np.zeros(src.shape[1:])
    angles = grp["rotation_angle"][()] if "rotation_angle" in grp else np.linspace(0, 180, len(src), endpoint=False)
if flat is None:
    flat = np.full(src.shape[1:], src.max())
def sino(stack, y):
    return -np.log(np.maximum(stack[:, y, :] - dark[y], 1) / np.maximum(flat[y] - dark[y], 1))
rows = []
fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
for i, y in enumerate(sorted({src.shape[1] // 4, src.shape[1] // 2, 3 * src.shape[1] // 4})):
    rec = lambda s, sel: iradon(s[sel].T, theta=angles[sel], filter_name="ramp", circle=True)
    every = np.arange(len(angles))
    rs, rr = rec(sino(src, y), every), rec(sino(rst, y), every)
    even, odd = rec(sino(src, y), every[0::2]), rec(sino(src, y), every[1::2])
    n = rs.shape[0]; c = (n - 1) / 2
    inside = np.hypot(*np.meshgrid(np.arange(n) - c, np.arange(n) - c)) <= c
    sigma_rec = (even - odd)[inside].std() / 2
    diff = (rr - rs)[inside]
    rows.append({"row": y, "sigma_rec": sigma_rec, "rms_difference": np.sqrt((diff ** 2).mean()),
                 "relative": np.sqrt((diff ** 2).mean()) / sigma_rec})
    if i == 1:
        axes[0].imshow(rs, cmap="gray"); axes[0].set_title(f"row {y}: source reconstruction")
        lim = 3 * sigma_rec
        im = axes[1].imshow(rr - rs, cmap="coolwarm", vmin=-lim, vmax=lim)
        axes[1].set_title("restored − source (±3 σ_rec)"); fig.colorbar(im, ax=axes[1])
        axes[2].imshow(even - odd, cmap="coolwarm", vmin=-2 * lim, vmax=2 * lim)
        axes[2].set_title("even − odd half-scans (noise)")
fig.tight_layout()
check = pd.DataFrame(rows)
check["report_relative"] = [r["relative"] for r in q["reconstructions"]][:len(check)]
print("reconstruction difference / reconstruction noise σ, per row (iradon here; the report's own FBP beside it)")
# Two independent implementations of the same check (scikit-image here, photonzip's Java FBP in the report)
assert np.allclose(check.relative, check.report_relative, rtol=0.1), check
check"""),
])
