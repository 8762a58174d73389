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
