#!/usr/bin/env bash
# Read rate and bench sizes of two photonzip builds in one run: BASE (a checkout built before a reader change)
# and this checkout. Each build reads each stack whole through StackSources.open (ReadThroughput.java, the same
# program for both), then runs `bench --codecs photonzip` on it; sizes (bits/pixel) must be identical.
# Usage: docs/reader-throughput.sh BASE_CHECKOUT [SPEC...]   (both checkouts built: mvn package -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$(cd "$1" && pwd)"; shift
data="${PHOTONZIP_DATA:-$here/../shared/data}"
[ -d "$data" ] || data=/work/shared/data
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
  specs=("$data/k11-diad/k11-18014/k11-18014-imaging.h5:/entry/detector/detector@100:3100"
         "$data/psi-neutron-ct/stack.h5:/entry/data/data" "$data/savu-i13/tiffs")
fi
repeats="${REPEATS:-3}"
for spec in "${specs[@]}"; do
  for build in "$base" "$here"; do
    label=$([ "$build" = "$base" ] && echo before || echo after)
    cp="$build/job/target/photonzip-job.jar:$build/job/target/lib/*"
    echo "== $label: $spec"
    java -Xmx4g -cp "$cp" "$here/docs/reader-throughput/ReadThroughput.java" "$spec" "$repeats" 2>/dev/null
    PHOTONZIP_SKIP_BUILD=1 "$build/bin/photonzip" bench "$spec" --codecs photonzip 2>/dev/null \
      | grep -E "^(shape|photonzip) " || true
  done
done
