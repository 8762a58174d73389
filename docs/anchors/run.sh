#!/usr/bin/env bash
# Anchors for error-bounded photonzip, on the shared stacks, in one run (see README.md here).
# Needs: apt-get install libcharls-dev gcc python3-h5py python3-hdf5plugin hdf5-filter-plugin python3-tifffile
#        python3-matplotlib libjxl-tools; and the project built (bin/photonzip builds it on first use).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../../bin/photonzip" --version >/dev/null
exec /usr/bin/python3 "$here/anchors.py" "$@"
