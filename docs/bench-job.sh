#!/usr/bin/env bash
# The Spark job's scaling benchmark (docs/benchmarks.md, "The Spark job"): generates a 2048 x 2048 x 512 stack
# (chunked by frame, as detectors write), makes a contiguous copy, and runs bin/photonzip bench-job on both, then
# the single-thread codec benchmark on the same data. Needs ~9 GB in $WORK (default /tmp/photonzip-bench-job).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pz="$here/bin/photonzip"
work="${WORK:-/tmp/photonzip-bench-job}"
frames="${FRAMES:-512}"
mkdir -p "$work"
chunked="$work/stack-${frames}.h5"
contiguous="$work/stack-${frames}-contiguous.h5"

[ -f "$chunked" ] || "$pz" generate "$chunked" --frames "$frames" --height 2048 --width 2048 --seed 7
if [ ! -f "$contiguous" ]; then
  # h5py (Debian: apt-get install python3-h5py) writes the same samples contiguously, frame by frame.
  /usr/bin/python3 - "$chunked" "$contiguous" <<'PY'
import sys, h5py
src, dst = sys.argv[1], sys.argv[2]
with h5py.File(src, "r") as a, h5py.File(dst + ".tmp", "w") as b:
    d = a["/entry/data/data"]
    out = b.create_dataset("/entry/data/data", shape=d.shape, dtype=d.dtype)  # contiguous
    for t in range(d.shape[0]):
        out[t] = d[t]
    for name in ("flats", "darks", "rotation_angle"):
        a.copy(a["/entry/data/" + name], b["/entry/data"], name)
import os; os.rename(dst + ".tmp", dst)
PY
fi

echo "== chunked (1 x 2048 x 2048 chunks, as generated) =="
"$pz" bench-job "$chunked" --masters 'local[1],local[2]'
echo "== contiguous =="
"$pz" bench-job "$contiguous" --masters 'local[2]'
echo "== single-thread codec on the same data =="
"$pz" bench "$chunked" --codecs photonzip
