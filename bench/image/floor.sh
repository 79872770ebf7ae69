#!/usr/bin/env bash
# Where the single-tree time goes: the engine's own unpacking (the floor no client can go below) against what each
# client adds to it. Four measurements per run, in turns, each from the same settled state (lib.sh):
#   floor      docker import - < LAYER.tar   crossroot's own layer, written beforehand: no tree walk, no archiver
#   import     tar -C DIR -c . | docker import -
#   crossroot  crossroot image build --rootfs DIR --load (its --json timings give the config load's share)
#   start      crossroot image build --help  (JVM and command-line start, nothing else)
# Usage: bench/image/floor.sh ROOTFS_DIR [RUNS=6, made even] [ARCH=riscv64]
set -euo pipefail
rootfs=$(realpath "${1:?usage: $0 ROOTFS_DIR [RUNS] [ARCH]}")
arch=${3:-riscv64}
here=$(cd "$(dirname "$0")/../.." && pwd)
crossroot=${CROSSROOT:-$here/crossroot}
work=$(mktemp -d /var/tmp/crossroot-floor.XXXXXX)
trap 'rm -rf "$work"; docker rmi -f bench/floor:1 bench/import:1 bench/crossroot:1 >/dev/null 2>&1 || true' EXIT
. "$here/bench/image/lib.sh"
runs=$(even "${2:-6}")

"$crossroot" image build --arch "$arch" --rootfs "$rootfs" --tag bench/floor:1 -o "$work/oci" --compression none >/dev/null
layer=$(ls -S "$work"/oci/blobs/sha256/* | head -1)

declare -A times
for i in $(seq "$runs"); do
  docker rmi -f bench/floor:1 bench/import:1 bench/crossroot:1 >/dev/null 2>&1 || true
  order="floor import crossroot start"; [ $((i % 2)) = 0 ] && order="start crossroot import floor"
  for m in $order; do
    settle "$rootfs"
    case $m in
      floor) cat "$layer" >/dev/null
             times[floor]+="$(seconds sh -c "docker import - bench/floor:1 < '$layer'") " ;;
      import) times[import]+="$(seconds import_tree "$rootfs" bench/import:1) " ;;
      crossroot)
        s=$(date +%s.%N)
        json=$("$crossroot" image build --arch "$arch" --rootfs "$rootfs" --tag bench/crossroot:1 --load --json 2>/dev/null)
        times[crossroot]+="$(echo "$(date +%s.%N) - $s" | bc) "
        times[config]+="$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["timings"]["config"])') " ;;
      start) times[start]+="$(seconds "$crossroot" image build --help) " ;;
    esac
  done
done

med() { echo ${times[$1]} | tr ' ' '\n' | median; }
f=$(med floor); i=$(med import); c=$(med crossroot); st=$(med start); cf=$(med config)
echo "rootfs $rootfs ($(du -sh "$rootfs" | cut -f1), $(find "$rootfs" | wc -l) entries), $runs runs, median seconds:"
for k in floor import crossroot start config; do printf '  %-10s %6.2f s   (runs: %s)\n' "$k" "$(med $k)" "${times[$k]}"; done
printf '  import adds    %5.2f s to the floor (tar walk and read, the docker CLI copying the pipe to the socket)\n' "$(echo "$i - $f" | bc)"
printf '  crossroot adds %5.2f s to the floor; of it, fixed: start %.2f s + config load %.2f s (the platform; import sets none)\n' \
  "$(echo "$c - $f" | bc)" "$st" "$cf"
printf '  ratio crossroot/import %.2fx\n' "$(echo "$c / $i" | bc -l)"
