#!/usr/bin/env bash
# `photonzip export` against `decompress` of the same archive, in one run: wall seconds (JVM start included) and
# each command's own seconds ("in X s"), output size, and the exported file's size against the archive's tile
# streams + metadata.h5 (+ the coded flats/darks, which export decodes as decompress does). The exported file is
# read back with h5py and libphotonzip's plugin (HDF5_PLUGIN_PATH) and compared with the decompressed one, every
# value. Repetitions alternate which command goes first; prints medians.
# Usage: docs/export-speed.sh [WORKDIR] [REPS]
# Env: GEN="FRAMES HEIGHT WIDTH" (default "64 2048 2048"), THREADS (default: all CPUs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
reps="${2:-3}"
read -r gf gh gw <<< "${GEN:-64 2048 2048}"
py=/usr/bin/python3
pz="$here/bin/photonzip"
"$pz" --help >/dev/null                                   # builds the checkout if its sources changed
export PHOTONZIP_SKIP_BUILD=1
make -s -C "$here/libphotonzip" all                       # the filter plugin for the read-back
mkdir -p "$work"
cd "$work"
[ -f gen.h5 ] || "$pz" generate gen.h5 --frames "$gf" --height "$gh" --width "$gw" --seed 5 >/dev/null
[ -f gen.pz/_SUCCESS ] || "$pz" compress gen.h5 gen.pz --master 'local[2]' >/dev/null
threads=(); [ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")

measure() { # command rep
  local out="$work/out-$1.h5"
  rm -f "$out"
  /usr/bin/time -f '%e %M' -o "$work/$1.time" "$pz" "$1" gen.pz "$out" "${threads[@]}" > "$work/$1.log"
  read -r wall rss < "$work/$1.time"
  local inner; inner=$(sed -n 's/.* in \([0-9.]*\) s.*/\1/p' "$work/$1.log")
  echo "$1,$2,$wall,$inner,$rss,$(stat -c %s "$out")" >> results.csv
}

echo "command,rep,wall_s,own_s,peak_rss_kB,output_bytes" > results.csv
for rep in $(seq 1 "$reps"); do
  order=(export decompress); [ $((rep % 2)) = 0 ] && order=(decompress export)
  for c in "${order[@]}"; do measure "$c" "$rep"; done
done

HDF5_PLUGIN_PATH="$here/libphotonzip/build" "$py" - results.csv gen.pz out-export.h5 out-decompress.h5 <<'PY'
import csv, json, math, os, statistics, sys
import h5py, numpy as np
rows = list(csv.DictReader(open(sys.argv[1])))
archive, exported, restored = sys.argv[2:5]
summary = json.load(open(f'{archive}/summary.json'))
streams = sum(os.path.getsize(f'{archive}/packs/{p}') for p in os.listdir(f'{archive}/packs'))
meta = os.path.getsize(f'{archive}/metadata.h5')
coded = sum(2 * math.prod(e['shape']) for e in summary['metadata'].get('coded') or [])
coded_streams = os.path.getsize(f'{archive}/metadata-samples.pz') if coded else 0
mb = summary['source']['stack_bytes'] / 1e6
med = {c: {k: statistics.median(float(r[k]) for r in rows if r['command'] == c)
           for k in ('wall_s', 'own_s', 'peak_rss_kB', 'output_bytes')} for c in ('export', 'decompress')}
shape = 'x'.join(map(str, summary['source']['shape']))
print(f'| command | stack | wall s | own s | MB/s (own) | peak RSS MB | output MB |')
print('|---|---|---|---|---|---|---|')
for c, m in med.items():
    print(f"| {c} | {shape} uint16, {mb:.0f} MB | {m['wall_s']:.1f} | {m['own_s']:.1f} | {mb / m['own_s']:.0f} | "
          f"{m['peak_rss_kB'] / 1e3:.0f} | {m['output_bytes'] / 1e6:.1f} |")
e, d = med['export'], med['decompress']
print(f"\nexport / decompress: wall {e['wall_s'] / d['wall_s']:.3f}, own {e['own_s'] / d['own_s']:.3f}")
size = e['output_bytes']
total = sum(f['bytes'] for f in json.load(open(f'{archive}/_SUCCESS'))['files'])
print(f'exported file {size} B; tile streams {streams} B + metadata.h5 {meta} B = {streams + meta} B: '
      f'{size / (streams + meta):.4f}x; + the coded flats/darks as decoded ({coded} B): '
      f'{size / (streams + meta + coded):.4f}x; the whole archive ({total} B, coded flats/darks '
      f'{coded_streams} B): {size / total:.4f}x')
with h5py.File(exported, 'r') as a, h5py.File(restored, 'r') as b:
    x, y = a[summary['source']['dataset']], b[summary['source']['dataset']]
    step = x.chunks[0]  # whole chunks: a slab cutting a chunk would decode it again for each slab
    same = all(np.array_equal(x[t:t + step], y[t:t + step]) for t in range(0, x.shape[0], step))
    print(f'h5py + plugin: exported stack {"equals" if same else "DIFFERS FROM"} the decompressed one '
          f'({x.shape}, chunks {x.chunks}, filter {x.id.get_create_plist().get_filter(0)[:3]})')
    sys.exit(0 if same else 1)
PY
