#!/usr/bin/env bash
# Measures error-bounded archives through the job, beside a lossless baseline in the same run: for each stack,
# compress (lossless, --noise-bound 0.5, --noise-bound 1), then the ratio, wall time and, for bounded archives,
# the largest error, RMSE/σ and the reconstruction difference relative to the reconstruction's own noise (from
# quality.json). Usage: docs/bounded-measure.sh OUTDIR [PHOTONZIP]   (PHOTONZIP defaults to bin/photonzip)
set -euo pipefail
out="${1:?usage: $0 OUTDIR [PHOTONZIP]}"
pz="${2:-$(dirname "$0")/../bin/photonzip}"
data="$(cd "$(dirname "$0")/../.." && pwd)/shared/data"
[ -d "$data" ] || data=/work/shared/data
mkdir -p "$out"
stacks=("k11-diad|$data/k11-diad/k11-18014.nxs" "psi-neutron-ct|$data/psi-neutron-ct/stack.h5"
        "savu-i13|$data/savu-i13/tiffs")
echo "stack,mode,ratio,bits_per_pixel,compress_wall_s,job_s,quality_check_s,decompress_wall_s,max_error,rmse_over_sigma,reconstruction_rms_over_sigma_rec" > "$out/results.csv"
for entry in "${stacks[@]}"; do
  name="${entry%%|*}"; input="${entry#*|}"
  for mode in lossless 0.5 1; do
    archive="$out/$name-$mode.pz"
    args=(compress "$input" "$archive" --overwrite --master "local[2]")
    [ "$mode" = lossless ] || args+=(--noise-bound "$mode")
    start=$(date +%s.%N)
    "$pz" "${args[@]}" > "$out/$name-$mode.log" 2>&1
    end=$(date +%s.%N)
    "$pz" info "$archive" > "$out/$name-$mode.info"
    rm -f "$out/$name-$mode.restored.h5"
    dstart=$(date +%s.%N)
    "$pz" decompress "$archive" "$out/$name-$mode.restored.h5" > "$out/$name-$mode.decompress.log" 2>&1
    dend=$(date +%s.%N)
    rm -f "$out/$name-$mode.restored.h5"
    /usr/bin/python3 - "$archive" "$name" "$mode" "$(echo "$end - $start" | bc)" "$(echo "$dend - $dstart" | bc)" \
        >> "$out/results.csv" <<'PY'
import csv, json, sys, pathlib
a, name, mode, secs, dsecs = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
s = json.loads((a / "summary.json").read_text())
t = s["totals"]
stages = {r["stage"]: float(r["seconds"]) for r in csv.DictReader(open(a / "stages.csv"))}
# job_s: the compress job itself (summary totals.seconds), without the quality check that follows it
row = [name, mode, "%.3f" % t["ratio"], "%.3f" % t["bits_per_pixel"], "%.1f" % secs, "%.1f" % t["seconds"],
       "%.1f" % stages.get("quality check", 0), "%.1f" % dsecs]
q = a / "quality.json"
if q.exists():
    d = json.loads(q.read_text())
    ov = dict((k, v) for k, v in d["overall"])
    recs = [r["relative"] for r in d["reconstructions"]]
    row += [ov["max |error|"].split()[0], ov["RMSE / σ"], "%.4f" % max(recs) if recs else "nan"]
else:
    row += ["0", "0", "0"]
print(",".join(row))
PY
  done
done
cat "$out/results.csv"
