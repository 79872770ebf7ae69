#!/usr/bin/env bash
# Times "root filesystem directory -> image loaded in the local Docker engine", three ways, on the same tree:
#   crossroot   crossroot image build --rootfs DIR --load   (the tree streamed to the API as an uncompressed
#               docker-archive in one pass; with COMPRESSION=gzip|zstd|none an OCI layout is written first instead)
#   import      tar -C DIR -c . | docker import -           (the engine's own import; records no arch/variant)
#   build       docker build of 'FROM scratch / COPY rootfs/ /' (classic builder, context sent as a tar)
# Usage: [COMPRESSION=gzip|none|zstd] bench/image/run.sh ROOTFS_DIR [RUNS=4, made even] [ARCH=arm64]
# Needs root, a running dockerd, and the crossroot jar (./crossroot builds it on first use).
set -euo pipefail
rootfs=$(realpath "${1:?usage: $0 ROOTFS_DIR [RUNS] [ARCH]}")
arch=${3:-arm64}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /var/tmp/crossroot-bench.XXXXXX)
trap 'rm -rf "$work"; docker rmi -f bench/crossroot:1 bench/import:1 bench/build:1 >/dev/null 2>&1 || true' EXIT
crossroot=${CROSSROOT:-$here/crossroot}
. "$here/bench/image/lib.sh"
runs=$(even "${2:-4}")

mkdir -p "$work/ctx"
# docker build needs the tree inside its context; a bind mount costs nothing and keeps the source untouched.
mkdir -p "$work/ctx/rootfs" && mount --bind "$rootfs" "$work/ctx/rootfs"
trap 'umount "$work/ctx/rootfs" 2>/dev/null || true; rm -rf "$work"; docker rmi -f bench/crossroot:1 bench/import:1 bench/build:1 >/dev/null 2>&1 || true' EXIT
printf 'FROM scratch\nCOPY rootfs/ /\nCMD ["/bin/sh"]\n' > "$work/ctx/Dockerfile"

"$crossroot" --version >/dev/null # builds the jar and its class-data archive first, outside the measurements
# An image the engine already holds with crossroot's layer (an earlier --load of this tree, under any name) changes
# what is measured: the engine unpacks the layer whole, finds it known, and deletes the copy again. Found by one
# load outside the measurements, then refused.
docker rmi -f bench/crossroot:1 >/dev/null 2>&1 || true
"$crossroot" image build --arch "$arch" --rootfs "$rootfs" --tag bench/crossroot:1 --load >/dev/null 2>&1 ||
  { echo "$0: crossroot image build --rootfs $rootfs --load failed; run it by hand to see why." >&2; exit 1; }
layer=$(docker image inspect -f '{{index .RootFS.Layers 0}}' bench/crossroot:1)
docker rmi -f bench/crossroot:1 >/dev/null
holders=$(docker image ls -q --no-trunc | while read -r id; do
  docker image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' "$id" | grep -qx "$layer" && echo "$id" || true
done)
if [ -n "$holders" ]; then
  echo "$0: the engine already holds crossroot's layer of $rootfs ($layer) in image(s) $(echo $holders | tr '\n' ' ');" \
       "each crossroot run would then unpack it and delete it again. Remove them ('docker rmi') and run again." >&2
  exit 1
fi
declare -A times
measure_crossroot() { # SLOT (first|second)
  settle "$rootfs"
  local t=$(seconds "$crossroot" image build --arch "$arch" --rootfs "$rootfs" --tag bench/crossroot:1 "${layout[@]}" --load)
  times[crossroot]+="$t "; times[crossroot-$1]+="$t "
}
measure_import() { # SLOT
  settle "$rootfs"
  local t=$(seconds import_tree "$rootfs" bench/import:1)
  times[import]+="$t "; times[import-$1]+="$t "
}
for i in $(seq "$runs"); do
  docker rmi -f bench/crossroot:1 bench/import:1 bench/build:1 >/dev/null 2>&1 || true
  docker builder prune -af >/dev/null 2>&1 || true
  layout=()
  [ -z "${COMPRESSION:-}" ] || layout=(-o "$work/oci-$i" --compression "$COMPRESSION")
  if [ $((i % 2)) = 1 ]; then measure_crossroot first; measure_import second; else measure_import first; measure_crossroot second; fi
  settle "$rootfs"
  times[build]+="$(seconds env DOCKER_BUILDKIT=0 docker build --no-cache -q -t bench/build:1 "$work/ctx") "
done

size=$(du -sh "$rootfs" | cut -f1)
echo "rootfs $rootfs ($size, $(find "$rootfs" | wc -l) entries), $runs runs, median seconds:"
base=$(echo ${times[crossroot]} | tr ' ' '\n' | median)
for k in crossroot import build; do
  m=$(echo ${times[$k]} | tr ' ' '\n' | median)
  printf '  %-10s %7.2f s   %5.2fx crossroot   (runs: %s)\n' "$k" "$m" "$(echo "$m / $base" | bc -l)" "${times[$k]}"
done
for slot in first second; do
  printf '  going %-6s crossroot %.2f s, import %.2f s\n' "$slot" "$(echo ${times[crossroot-$slot]} | tr ' ' '\n' | median)" \
      "$(echo ${times[import-$slot]} | tr ' ' '\n' | median)"
done
echo "platform recorded: crossroot $(docker image inspect -f '{{.Architecture}}/{{.Variant}}' bench/crossroot:1)," \
     "import $(docker image inspect -f '{{.Architecture}}/{{.Variant}}' bench/import:1)," \
     "build $(docker image inspect -f '{{.Architecture}}/{{.Variant}}' bench/build:1)"
