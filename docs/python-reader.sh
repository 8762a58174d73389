#!/usr/bin/env bash
# The Python reader (python/photonzip) on the shared real stacks: each stack compressed and restored by the Java
# CLI, then 20 random regions (ints, negative indices, slices with steps) read with photonzip.open(...)[...] and
# compared with the Java restore and, for HDF5 sources, the source itself, every value; then a whole-stack read with
# 1 and with 2 threads (median of REPS reads each, alternating), MB/s of uint16 samples.
# Usage: docs/python-reader.sh [WORKDIR] [REPS]   Env: PHOTONZIP_DATA (default /work/shared/data)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
reps="${2:-5}"
data="${PHOTONZIP_DATA:-/work/shared/data}"
pz="$here/bin/photonzip"
"$pz" --help >/dev/null
export PHOTONZIP_SKIP_BUILD=1
make -s -C "$here/libphotonzip" all
mkdir -p "$work"
cd "$work"
declare -A src=(
  [k11]="$data/k11-diad/k11-18014/k11-18014-imaging.h5 /entry/detector/detector"
  [psi]="$data/psi-neutron-ct/stack.h5 /entry/data/data"
  [stepwedge]="$data/psi-stepwedge/stack.h5 /entry/data/data"
  [savu]="$data/savu-i13/tiffs -"
)
for n in k11 psi stepwedge savu; do
  read -r file ds <<< "${src[$n]}"
  opts=(); [ "$ds" != - ] && opts=(--dataset "$ds")
  [ -f "$n.pz/_SUCCESS" ] || "$pz" compress "$file" "$n.pz" "${opts[@]}" --master 'local[2]' >/dev/null 2>&1
  [ -f "$n.h5" ] || "$pz" decompress "$n.pz" "$n.h5" >/dev/null
done
PYTHONPATH="$here/python" /usr/bin/python3 - "$reps" "$data" <<'PY'
import statistics, sys, time
import h5py, numpy as np
import photonzip
reps, data = int(sys.argv[1]), sys.argv[2]
sources = {'k11': (f'{data}/k11-diad/k11-18014/k11-18014-imaging.h5', '/entry/detector/detector'),
           'psi': (f'{data}/psi-neutron-ct/stack.h5', '/entry/data/data'),
           'stepwedge': (f'{data}/psi-stepwedge/stack.h5', '/entry/data/data'), 'savu': None}
rng = np.random.default_rng(2026)

def random_key(shape):
    key = []
    for n in shape:
        if rng.integers(4) == 0:
            key.append(int(rng.integers(-n, n)))
        else:
            a, b = sorted(int(v) for v in rng.integers(-n, n + 1, size=2))
            step = int(rng.choice([1, 1, 2, 3, -1, -2]))
            key.append(slice(b, a, step) if step < 0 else slice(a, b, step))
    return tuple(key)

print('| stack | shape | tiles | 20 random regions | 1 thread s | 2 threads s | MB/s 1 / 2 | speed-up |')
print('|---|---|---|---|---|---|---|---|')
for n, s in sources.items():
    a = photonzip.open(f'{n}.pz')
    with h5py.File(f'{n}.h5', 'r') as r:
        java = r[a.dataset][()]
        source = h5py.File(s[0], 'r')[s[1]][()] if s else None
    equal = 0
    for _ in range(20):
        key = random_key(a.shape)
        got = a[key]
        equal += np.array_equal(got, java[key]) and (source is None or np.array_equal(got, source[key]))
    times = {1: [], 2: []}
    for i in range(reps):
        for t in ((1, 2) if i % 2 == 0 else (2, 1)):
            a.threads = t
            t0 = time.perf_counter()
            whole = a[...]
            times[t].append(time.perf_counter() - t0)
    assert np.array_equal(whole, java)
    mb = a.size * 2 / 1e6
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"| {n} | {'x'.join(map(str, a.shape))} {a.dtype} | {len(a.rows)} | {equal}/20 equal "
          f"{'(Java restore and source)' if source is not None else '(Java restore)'} | {one:.3f} | {two:.3f} | "
          f"{mb / one:.0f} / {mb / two:.0f} | {one / two:.2f}x |")
PY
