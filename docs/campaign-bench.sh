#!/usr/bin/env bash
# A restore campaign (docs/reprocessing.md): N generated archives restored by one `decompress` under local[1] and
# local[2], and by one `decompress` command per archive run one after another, all in the same run. Prints each
# wall time (JVM and Spark start included) with the load average just before it, and the ratios. Every file of
# the local[2] campaign and of the per-archive loop is compared with its source by h5py (every value, dtype,
# chunks, filters, attributes).
# Usage: docs/campaign-bench.sh [WORKDIR] [N]   Env: GEN="FRAMES HEIGHT WIDTH" (default "32 256 256").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
n="${2:-16}"
read -r gf gh gw <<< "${GEN:-32 256 256}"
pz="$here/bin/photonzip"
py=/usr/bin/python3
compare="$here/job/src/test/resources/fidelity/h5compare.py"
"$pz" --help >/dev/null            # builds the checkout if its sources changed
export PHOTONZIP_SKIP_BUILD=1      # and never again during the measurements
mkdir -p "$work/raw"
cd "$work"

for i in $(seq -w 1 "$n"); do
  [ -f "raw/s_$i.h5" ] || "$pz" generate "raw/s_$i.h5" --frames "$gf" --height "$gh" --width "$gw" --seed "$i" >/dev/null
done
[ -d night ] || "$pz" compress 'raw/s_*.h5' night/ --master 'local[2]' >/dev/null 2>&1

load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
declare -A secs loads
run() { # name command...
  local name="$1"; shift
  loads[$name]="$(load)"
  local t0; t0="$(now)"
  "$@" >"$name.log" 2>&1 || { echo "$name failed (exit $?), see $work/$name.log" >&2; exit 1; }
  secs[$name]="$(echo "$(now) - $t0" | bc -l)"
}
loop() {
  mkdir -p out-loop
  for a in night/s_*.pz; do
    "$pz" decompress "$a" "out-loop/$(basename "$a" .pz).h5"
  done
}
rm -rf out-1 out-2 out-loop
run campaign-local1 "$pz" decompress night/ out-1/ --master 'local[1]'
run campaign-local2 "$pz" decompress night/ out-2/ --master 'local[2]'
run one-command-per-archive loop

bytes=$(( n * gf * gh * gw * 2 ))
for f in raw/s_*.h5; do
  name="$(basename "$f")"
  "$py" "$compare" "$f" "out-2/$name" >/dev/null || { echo "out-2/$name differs from $f" >&2; exit 1; }
  "$py" "$compare" "$f" "out-loop/$name" >/dev/null || { echo "out-loop/$name differs from $f" >&2; exit 1; }
done
echo "$n archives of ${gf}x${gh}x${gw} uint16 ($(echo "$bytes / 1000000" | bc -l | xargs printf '%.1f') MB), $(nproc) CPUs"
for k in campaign-local1 campaign-local2 one-command-per-archive; do
  printf '%-26s %7.1f s  %6.2f MB/s  load before: %s\n' "$k" "${secs[$k]}" \
    "$(echo "$bytes / 1000000 / ${secs[$k]}" | bc -l)" "${loads[$k]}"
done
printf 'local[2] vs local[1]: %.2fx; local[2] vs one command per archive: %.2fx; every value equal (h5py)\n' \
  "$(echo "${secs[campaign-local1]} / ${secs[campaign-local2]}" | bc -l)" \
  "$(echo "${secs[one-command-per-archive]} / ${secs[campaign-local2]}" | bc -l)"
