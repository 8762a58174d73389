#!/usr/bin/env bash
# How much of an archive is not tile streams (issue 8's size target): generates a 256 x 512 x 512 stack with 20 flats
# and 20 darks, archives it, and archives the flats and the darks as stacks of their own (the baseline: what the
# tile codec makes of them), then prints the parts. Usage: docs/metadata-size.sh [WORKDIR] (default: a temp dir).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pz="$here/bin/photonzip"
work="${1:-$(mktemp -d)}"
cd "$work"
[ -f big.h5 ] || "$pz" generate --frames 256 --height 512 --width 512 --flats 20 --darks 20 big.h5 >/dev/null
rm -rf big.pz flats.pz darks.pz
"$pz" compress big.h5 big.pz >/dev/null
"$pz" compress big.h5 flats.pz --dataset /entry/data/flats >/dev/null
"$pz" compress big.h5 darks.pz --dataset /entry/data/darks >/dev/null
packs() { cat "$1"/packs/*.pz | wc -c; }
stack=$(packs big.pz); samples=$(stat -c %s big.pz/metadata-samples.pz); meta=$(stat -c %s big.pz/metadata.h5)
other=0
for f in big.pz/*; do
  case "$(basename "$f")" in packs|metadata.h5|metadata-samples.pz) ;; *) other=$((other + $(stat -c %s "$f")));; esac
done
baseline=$(( $(packs flats.pz) + $(packs darks.pz) ))
echo "tile streams of the stack:          $stack bytes"
echo "flats + darks in metadata-samples:  $samples bytes"
echo "flats + darks coded as stacks:      $baseline bytes (baseline)"
echo "metadata.h5:                        $meta bytes"
echo "manifest, summary, report, _SUCCESS, csv: $other bytes"
awk -v s="$samples" -v b="$baseline" -v o="$other" -v m="$meta" -v t="$stack" 'BEGIN {
  printf "flats+darks / baseline = %.3f (target <= 1.1); (everything else) / tile streams = %.3f %% (target <= 1 %%)\n",
    s / b, 100 * (o + m) / t }'
