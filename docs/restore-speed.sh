#!/usr/bin/env bash
# Restore speed and disk use of `decompress`, this checkout against a baseline checkout, in one run: wall time,
# MB/s (uint16 source bytes / wall, JVM start included), peak disk use of the output's directory (du, sampled every
# 50 ms: the output plus anything staged beside it) and peak RSS, on real and generated stacks, uncompressed and
# gzip + shuffle. Repetitions alternate which build goes first; the first restore of each build is compared with
# its source by h5py (every value, dtype, chunks, filters). Prints medians and new / base ratios.
# Usage: docs/restore-speed.sh BASE_CHECKOUT [WORKDIR] [REPS]   (BASE_CHECKOUT: e.g. a worktree of main)
# Env: PHOTONZIP_DATA (default /work/shared/data), GEN="FRAMES HEIGHT WIDTH" (default "128 1024 1024"),
# NAMES (default "k11-raw psi-gzip gen-raw gen-gzip": the stacks to measure).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base_root="$(cd "${1:?usage: docs/restore-speed.sh BASE_CHECKOUT [WORKDIR] [REPS]}" && pwd)"
work="${2:-$(mktemp -d)}"
reps="${3:-3}"
data="${PHOTONZIP_DATA:-/work/shared/data}"
read -r gf gh gw <<< "${GEN:-128 1024 1024}"
py=/usr/bin/python3
compare="$here/job/src/test/resources/fidelity/h5compare.py"
declare -A pz=([new]="$here/bin/photonzip" [base]="$base_root/bin/photonzip")
for v in base new; do "${pz[$v]}" --help >/dev/null; done   # builds each checkout if its sources changed
export PHOTONZIP_SKIP_BUILD=1                                # and never again during the measurements
mkdir -p "$work"
cd "$work"

# name -> "source.h5 dataset"
declare -A src=(
  [k11-raw]="$data/k11-diad/k11-18014/k11-18014-imaging.h5 /entry/detector/detector"
  [psi-gzip]="$data/psi-neutron-ct/stack.h5 /entry/data/data"
  [gen-raw]="$work/gen.h5 /entry/data/data"
  [gen-gzip]="$work/gen-gzip.h5 /entry/data/data"
)
read -r -a names <<< "${NAMES:-k11-raw psi-gzip gen-raw gen-gzip}"

[ -f gen.h5 ] || "${pz[new]}" generate gen.h5 --frames "$gf" --height "$gh" --width "$gw" --seed 5 >/dev/null
[ -f gen-gzip.h5 ] || "$py" - gen.h5 gen-gzip.h5 <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], 'r') as a, h5py.File(sys.argv[2], 'w') as b:
    for name in a:
        a.copy(name, b)                       # everything as it is ...
    d = a['/entry/data/data']
    del b['/entry/data/data']                 # ... but the stack: gzip 4 + shuffle, one frame per chunk
    c = b.create_dataset('/entry/data/data', shape=d.shape, dtype=d.dtype, chunks=(1,) + d.shape[1:],
                         compression='gzip', compression_opts=4, shuffle=True)
    for k, v in d.attrs.items():
        c.attrs[k] = v
    for t in range(0, d.shape[0], 16):
        c[t:t + 16] = d[t:t + 16]
PY

for n in "${names[@]}"; do
  read -r file ds <<< "${src[$n]}"
  [ -f "$n.pz/_SUCCESS" ] || "${pz[new]}" compress "$file" "$n.pz" --dataset "$ds" --master 'local[2]' >/dev/null
done

# One restore: wall seconds, the restore's own seconds (its "in X s", JVM start and archive open excluded), peak kB on
# disk in the output's directory, peak RSS kB, and bytes the process wrote to files (getrusage's block outputs x 512:
# pages it dirtied, a staging file deleted before write-back included).
measure() { # version name rep
  local v=$1 n=$2 out="$work/out-$1"
  rm -rf "$out"; mkdir -p "$out"
  /usr/bin/time -f '%e %M %O' -o "$out.time" "${pz[$v]}" decompress "$n.pz" "$out/r.h5" >"$out.log" 2>"$out.err" &
  local pid=$! peak=0 used
  while kill -0 "$pid" 2>/dev/null; do
    used=$(du -sk "$out" 2>/dev/null | cut -f1 || echo 0)
    [ "${used:-0}" -gt "$peak" ] && peak=$used
    sleep 0.05
  done
  wait "$pid" || { echo "decompress failed ($v $n):"; cat "$out.err"; exit 1; }
  used=$(du -sk "$out" | cut -f1); [ "$used" -gt "$peak" ] && peak=$used
  read -r wall rss blocks < "$out.time"
  local inner; inner=$(sed -n 's/.* in \([0-9.]*\) s (.*/\1/p' "$out.log")
  if [ "$3" = 1 ]; then
    read -r file ds <<< "${src[$n]}"
    "$py" "$compare" "$file" "$out/r.h5" | tail -1 | grep -q ', 0 differences' \
      || { echo "restored $n ($v) differs from its source"; "$py" "$compare" "$file" "$out/r.h5" | tail -5; exit 1; }
  fi
  echo "$n,$v,$3,$wall,$inner,$peak,$rss,$((blocks * 512)),$(stat -c %s "$out/r.h5")" >> results.csv
  rm -rf "$out"
}

echo "dataset,version,rep,wall_s,restore_s,peak_disk_kB,peak_rss_kB,written_bytes,output_bytes" > results.csv
for rep in $(seq 1 "$reps"); do
  order=(base new); [ $((rep % 2)) = 0 ] && order=(new base)
  for n in "${names[@]}"; do
    for v in "${order[@]}"; do measure "$v" "$n" "$rep"; done
  done
done

"$py" - results.csv "$work" <<'PY'
import csv, json, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
keys = ('wall_s', 'restore_s', 'peak_disk_kB', 'peak_rss_kB', 'written_bytes', 'output_bytes')
print('| stack | shape, source layout | MB | build | wall s | restore s | MB/s (restore) | peak disk MB | written MB | peak RSS MB | output MB |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
ratios = []
for n in dict.fromkeys(r['dataset'] for r in rows):
    s = json.load(open(f'{sys.argv[2]}/{n}.pz/summary.json'))['source']
    mb = s['stack_bytes'] / 1e6
    layout = (f"{'x'.join(map(str, s['shape']))}, {s['layout']} {s['chunks'] or ''} "
              f"{'+'.join(s['filters']) if s['filters'] else 'no filter'}")
    med = {}
    for v in ('base', 'new'):
        rs = [r for r in rows if r['dataset'] == n and r['version'] == v]
        m = med[v] = {k: statistics.median(float(r[k]) for r in rs) for k in keys}
        print(f"| {n} | {layout} | {mb:.1f} | {v} | {m['wall_s']:.2f} | {m['restore_s']:.1f} | "
              f"{mb / max(m['restore_s'], 0.05):.1f} | {m['peak_disk_kB'] / 1e3:.1f} | {m['written_bytes'] / 1e6:.1f} | "
              f"{m['peak_rss_kB'] / 1e3:.0f} | {m['output_bytes'] / 1e6:.1f} |")
    ratios.append((n, *[med['new'][k] / max(med['base'][k], 1e-9) for k in keys[:5]]))
print()
print('| stack | wall new / base | restore s new / base | peak disk new / base | peak RSS new / base | written new / base |')
print('|---|---|---|---|---|---|')
for n, w, r, d, m, b in ratios:
    print(f'| {n} | {w:.3f} | {r:.3f} | {d:.3f} | {m:.2f} | {b:.3f} |')
print(f"\n{len(rows)} restores, {max(int(r['rep']) for r in rows)} alternating repetitions per build and stack (medians)")
PY
