#!/usr/bin/env bash
# Times rootfs -> raw + qcow2 image assembly: crossroot (disk build) vs genimage on the same rootfs and an
# equivalent layout (32 MiB ESP + ext4 root of the same size). One run each; prints both and the ratio.
# Usage: bench/disk/run.sh ROOTFS_DIR     (root; installs genimage with apt-get if missing)
set -euo pipefail
ROOTFS=$(realpath "${1:?usage: $0 ROOTFS_DIR}")
HERE=$(cd "$(dirname "$0")" && pwd)
MAIN=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d "$(dirname "$ROOTFS")/.bench-disk.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java

# genimage runs the host's mkdosfs, mcopy and mke2fs
command -v genimage >/dev/null && command -v mcopy >/dev/null && command -v mkdosfs >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq genimage dosfstools mtools >/dev/null; }
BUILD_DIR=${BUILD_DIR:-target-disk}   # parallel checkouts' builds use separate folders
( cd "$MAIN" && JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} mvn -B -q -Dbuild.dir="$BUILD_DIR" package -DskipTests >/dev/null )
# as ./crossroot runs it: with the class-data archive that the warm-up run below writes
CROSSROOT=("$JAVA" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$MAIN/$BUILD_DIR/crossroot.jar.jsa" -jar "$MAIN/$BUILD_DIR/crossroot.jar")
mkdir -p "$WORK/in"; echo "fs0:" > "$WORK/in/startup.nsh"
cat > "$WORK/layout.yaml" <<YAML
table: gpt
partitions:
  - {name: efi, type: esp, size: 32M, filesystem: vfat, files: [startup.nsh]}
  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 256M}
YAML
# the toolbox is fetched once outside the timing, as genimage's tools are installed outside it
"${CROSSROOT[@]}" disk build --rootfs "$ROOTFS" --layout "$WORK/layout.yaml" -o "$WORK/warm.img" --input-path "$WORK/in" >/dev/null

t0=$(date +%s.%N)
"${CROSSROOT[@]}" disk build --rootfs "$ROOTFS" --layout "$WORK/layout.yaml" -o "$WORK/crossroot.img" --input-path "$WORK/in" --qcow2 > "$WORK/crossroot.out"
t1=$(date +%s.%N)
# the root partition's size as crossroot chose it ("612 MiB" or "1.2 GiB"), for an equivalent genimage.cfg
ROOT_MIB=$(awk '$1=="root"{printf "%d", ($5=="GiB" ? $4*1024 : $4)}' "$WORK/crossroot.out")

mkdir -p "$WORK"/{in,out,tmp}; echo "fs0:" > "$WORK/in/startup.nsh"   # the rootfs has no /boot/efi: both ESPs hold one file
cat > "$WORK/genimage.cfg" <<CFG
image efi.vfat { vfat { label = "EFI" files = { "startup.nsh" } } size = 32M }
image root.ext4 { ext4 { label = "root" use-mke2fs = true } size = ${ROOT_MIB}M }
image disk.img {
  hdimage { partition-table-type = "gpt" }
  partition efi { partition-type-uuid = "U" image = "efi.vfat" }
  partition root { partition-type-uuid = "L" image = "root.ext4" }
}
CFG
t2=$(date +%s.%N)
genimage --rootpath "$ROOTFS" --tmppath "$WORK/tmp" --inputpath "$WORK/in" --outputpath "$WORK/out" \
  --config "$WORK/genimage.cfg" >/dev/null 2>"$WORK/genimage.err" || { cat "$WORK/genimage.err" >&2; exit 1; }
# the same pinned qemu-img crossroot uses (the host has none)
"$JAVA" -cp "$MAIN/$BUILD_DIR/crossroot.jar" io.crossroot.toolbox.ToolboxMain qemu-img convert -f raw -O qcow2 \
  "$WORK/out/disk.img" "$WORK/out/disk.qcow2"
t3=$(date +%s.%N)

c=$(echo "$t1 - $t0" | bc); g=$(echo "$t3 - $t2" | bc)
printf 'rootfs: %s (%s)\n' "$ROOTFS" "$(du -sh "$ROOTFS" | cut -f1)"
printf 'crossroot disk build (raw+qcow2): %6.2f s\n' "$c"
printf 'genimage + qemu-img (raw+qcow2):  %6.2f s\n' "$g"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'ratio crossroot/genimage:         %6.2f (target <= 0.5)\n' "$(echo "$c / $g" | bc -l)"
