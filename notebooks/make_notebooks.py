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
                      "needed) and, when present, the source and a restored copy to compare frames."),
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
    new_markdown_cell("A restored frame beside the original: identical, value for value."),
    new_code_cell('''src, rst = INPUTS / "sample.h5", INPUTS / "restored.h5"
if src.exists() and rst.exists():
    path = summary["source"]["dataset"]
    with h5py.File(src, "r") as f, h5py.File(rst, "r") as g:
        t = f[path].shape[0] // 2
        a, b = f[path][t], g[path][t]
        assert a.dtype == b.dtype and np.array_equal(a, b), "restored frame differs"
        fig, ax = plt.subplots(1, 3, figsize=(13, 4))
        ax[0].imshow(a, cmap="gray"); ax[0].set_title(f"original frame {t}")
        ax[1].imshow(b, cmap="gray"); ax[1].set_title("restored")
        ax[2].imshow(a.astype(int) - b.astype(int), cmap="coolwarm"); ax[2].set_title("difference (all zero)")
else:
    print("no source/restored pair next to the archive; skipped")'''),
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
