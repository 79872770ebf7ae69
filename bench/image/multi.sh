#!/usr/bin/env bash
# Times "one root filesystem per architecture -> images loaded in the local Docker engine", as a multi-arch
# recipe's --load does it, three ways on the same trees:
#   crossroot       crossroot image build --rootfs ARCH=DIR ... --load   (one command, every tree at once)
#   import-serial   tar -C DIR -c . | docker import -, one tree after another (as a plain script does it)
#   import-at-once  the same imports started together and waited for
# Each import records amd64 whatever the tree holds; crossroot's images carry their own platforms.
# Usage: bench/image/multi.sh RUNS ARCH=DIR ARCH=DIR...   (needs root and a running dockerd)
set -euo pipefail
runs=${1:?usage: $0 RUNS ARCH=DIR ARCH=DIR...}
shift
[ $# -ge 2 ] || { echo "usage: $0 RUNS ARCH=DIR ARCH=DIR..." >&2; exit 2; }
here=$(cd "$(dirname "$0")/../.." && pwd)
crossroot=${CROSSROOT:-$here/crossroot}
. "$here/bench/image/lib.sh"
archs=() trees=() flags=()
for pair in "$@"; do
  archs+=("${pair%%=*}"); trees+=("$(realpath "${pair#*=}")"); flags+=(--rootfs "${pair%%=*}=$(realpath "${pair#*=}")")
done
remove() { # NAME: bench/multi or bench/import
  for a in "${archs[@]}"; do docker rmi -f "$1:1-$a" >/dev/null 2>&1 || true; done
}
trap 'remove bench/multi; remove bench/import' EXIT

import_serial() { for i in "${!trees[@]}"; do import_tree "${trees[$i]}" "bench/import:1-${archs[$i]}"; done; }
import_at_once() { for i in "${!trees[@]}"; do import_tree "${trees[$i]}" "bench/import:1-${archs[$i]}" & done; wait; }

"$crossroot" --version >/dev/null # builds the jar and its class-data archive first, outside the measurements
declare -A times
methods=(crossroot import-serial import-at-once)
for i in $(seq "$runs"); do
  # a different method goes first each run
  for k in $(seq 0 2); do
    m=${methods[$(( (i + k) % 3 ))]}
    if [ "$m" = crossroot ]; then remove bench/multi; else remove bench/import; fi
    settle "${trees[@]}"
    case $m in
      crossroot) times[$m]+="$(seconds "$crossroot" image build "${flags[@]}" --tag bench/multi:1 --load) " ;;
      import-serial) times[$m]+="$(seconds import_serial) " ;;
      import-at-once) times[$m]+="$(seconds import_at_once) " ;;
    esac
  done
done

echo "trees: $*; $runs runs, median seconds:"
base=$(echo ${times[crossroot]} | tr ' ' '\n' | median)
for m in "${methods[@]}"; do
  med=$(echo ${times[$m]} | tr ' ' '\n' | median)
  printf '  %-15s %7.2f s   %5.2fx crossroot   (runs: %s)\n' "$m" "$med" "$(echo "$med / $base" | bc -l)" "${times[$m]}"
done
for a in "${archs[@]}"; do
  echo "platform recorded for $a: crossroot $(docker image inspect -f '{{.Architecture}}' "bench/multi:1-$a" 2>/dev/null)," \
       "import $(docker image inspect -f '{{.Architecture}}' "bench/import:1-$a" 2>/dev/null)"
done
