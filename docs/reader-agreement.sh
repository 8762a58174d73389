#!/usr/bin/env bash
# Do the C decoder (libphotonzip, through the Python package) and the HDF5 filter plugin agree with the Java decoder
# on archives made by `photonzip compress`? Each shared real stack is compressed lossless, learned (a model trained
# on the stack with `train --epochs E --seed 1`, then `compress --model FILE`) and error-bounded (`--error-bound 4`);
# each archive is restored by Java (`decompress`) and exported (`export`). Then, per archive:
#   - every tile decoded by C (photonzip.open(...)[...], one thread) equals the Java restore, every value, and the
#     SHA-256 of the whole stack's little-endian samples is the same;
#   - every coded dataset beside the stack (flats, darks; metadata-samples.pz) decoded by C equals Java's;
#   - the exported file read with h5py through the plugin (HDF5_PLUGIN_PATH) equals the Java restore, stack and
#     every dataset Java restored beside it.
# Speeds, MB/s of uint16 samples: the C whole-stack read (one thread, in process: read, CRC, decode, SHA-256 of each
# tile) and the figure `decompress` prints for the same archive (its restore after the JVM started: reading,
# decoding and checking on the CPUs, and writing the HDF5 file), so only a rough comparison.
# Usage: docs/reader-agreement.sh [WORKDIR] [MODES]   MODES default "lossless learned bounded"; "noise" adds
# `--noise-bound 1` (error bound scaled by the photon noise)
# Env: PHOTONZIP_DATA (default /work/shared/data), EPOCHS (default 3), FRAMES (default all: psi-neutron-ct is cut to
# its first FRAMES frames, written with h5py beside the archives, to keep a run short)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
modes="${2:-lossless learned bounded}"
data="${PHOTONZIP_DATA:-/work/shared/data}"
epochs="${EPOCHS:-3}"
pz="$here/bin/photonzip"
"$pz" --help >/dev/null
export PHOTONZIP_SKIP_BUILD=1
make -s -C "$here/libphotonzip" all
mkdir -p "$work"
cd "$work"
psi="$data/psi-neutron-ct/stack.h5"
if [ -n "${FRAMES:-}" ]; then
  [ -f "psi-$FRAMES.h5" ] || /usr/bin/python3 - "$psi" "psi-$FRAMES.h5" "$FRAMES" <<'PY'
import sys, h5py
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with h5py.File(src, 'r') as s, h5py.File(dst, 'w') as d:
    for name in ('data', 'flats', 'darks'):
        v = s['/entry/data/' + name]
        d.create_dataset('/entry/data/' + name, data=v[:n] if name == 'data' else v[()], chunks=(1,) + v.shape[1:])
PY
  psi="$work/psi-$FRAMES.h5"
fi
declare -A src=(
  [k11]="$data/k11-diad/k11-18014/k11-18014-imaging.h5 /entry/detector/detector"
  [psi]="$psi /entry/data/data"
  [stepwedge]="$data/psi-stepwedge/stack.h5 /entry/data/data"
  [savu]="$data/savu-i13/tiffs -"
)
stacks="k11 psi stepwedge savu"
: > times.txt
for n in $stacks; do
  read -r file ds <<< "${src[$n]}"
  dsopt=(); [ "$ds" != - ] && dsopt=(--dataset "$ds")
  for m in $modes; do
    a="$n-$m"
    if [ ! -f "$a.pz/_SUCCESS" ]; then
      opts=()
      case "$m" in
        lossless) ;;
        bounded) opts=(--error-bound 4) ;;
        noise) opts=(--noise-bound 1) ;;
        learned)
          spec="$file"; [ "$ds" != - ] && spec="$file:$ds"
          [ -f "$n.pzm" ] || "$pz" train "$spec" "$n.pzm" --epochs "$epochs" \
            --seed 1 > "$n.train.log" 2>&1 || { cat "$n.train.log"; exit 1; }
          opts=(--model "$work/$n.pzm") ;;
        *) echo "unknown mode $m" >&2; exit 2 ;;
      esac
      "$pz" compress "$file" "$a.pz" "${dsopt[@]}" "${opts[@]}" --master 'local[2]' --overwrite > "$a.compress.log" 2>&1 \
        || { tail -20 "$a.compress.log"; exit 1; }
    fi
    line=$("$pz" decompress "$a.pz" "$a.h5" --overwrite | grep '^restored ')
    "$pz" export "$a.pz" "$a.export.h5" --overwrite > /dev/null
    echo "$a $(sed -n 's/.*(\([0-9.]*\) MB\/s).*/\1/p' <<< "$line")" >> times.txt
  done
done
HDF5_PLUGIN_PATH="$here/libphotonzip/build" PYTHONPATH="$here/python" /usr/bin/python3 - "$stacks" "$modes" <<'PY'
import hashlib, sys, time
import h5py, numpy as np
import photonzip
stacks, modes = sys.argv[1].split(), sys.argv[2].split()
java_mbs = dict(line.split() for line in open('times.txt'))
sha = lambda v: hashlib.sha256(np.ascontiguousarray(v, dtype='<u2').tobytes()).hexdigest()
print('| stack | mode | shape | tiles (learned) | C = Java, every value | SHA-256 (first 12) C / Java | '
      'coded datasets C = Java | plugin (export) = Java | C decode MB/s (1 thread) | Java restore MB/s |')
print('|---|---|---|---|---|---|---|---|---|---|')
bad = 0
for n in stacks:
    for m in modes:
        name = f'{n}-{m}'
        a = photonzip.open(f'{name}.pz', threads=1)
        t0 = time.perf_counter()
        c = a[...]
        dt = time.perf_counter() - t0
        learned = sum(r.model_id == 'learned' for r in a.rows)
        with h5py.File(f'{name}.h5', 'r') as j, h5py.File(f'{name}.export.h5', 'r') as x:
            java = j[a.dataset][()]
            same = c.dtype == java.dtype and np.array_equal(c, java)
            coded = [e['path'] for e in (a.summary.get('metadata') or {}).get('coded') or []]
            coded_same = all(np.array_equal(a.metadata(p), j[p][()]) for p in coded)
            plug = np.array_equal(x[a.dataset][()], java)
            others = []
            j.visititems(lambda p, o: others.append('/' + p) if isinstance(o, h5py.Dataset) else None)
            plug = plug and all(np.array_equal(x[p][()], j[p][()]) for p in others)
        ok = same and sha(c) == sha(java) and coded_same and plug
        bad += not ok
        mb = a.size * 2 / 1e6
        print(f"| {n} | {m} | {'x'.join(map(str, a.shape))} | {len(a.rows)} ({learned}) | {'yes' if same else 'NO'} | "
              f"{sha(c)[:12]} / {sha(java)[:12]} | {len(coded)}: {'yes' if coded_same else 'NO'} | "
              f"{len(others)} datasets: {'yes' if plug else 'NO'} | {mb / dt:.1f} | {java_mbs[name]} |")
        a.close()
sys.exit(1 if bad else 0)
PY
