#!/usr/bin/env bash
# Locks the embedded default recipe (crossroot lock), then builds it twice from that lock (crossroot build --no-boot
# --locked) under conditions that must not matter:
# another cache directory, temporary directory, umask, maintainer-script parallelism (-j) and a faketime offset
# (time of day), both with the same SOURCE_DATE_EPOCH. Prints the SHA-256 of disk.img, disk.qcow2, every OCI blob
# and a tar of each rootfs (crossroot rootfs -o X.tar from each cache) side by side, and runs diffoscope on each
# output that differs. Exit status 0 when every output is byte-identical.
# Usage: bench/reproducible.sh [WORKDIR]   (root; installs faketime and diffoscope with apt-get if missing)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
MAIN=$(cd "$HERE/.." && pwd)
WORK=$(realpath -m "${1:-/var/tmp/crossroot-reproducible}")
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java

command -v faketime >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; }
command -v diffoscope >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends diffoscope >/dev/null; }
rm -rf "$WORK"
mkdir -p "$WORK"/{a,b}/{cache,tmp}
"$MAIN/crossroot" --version >/dev/null   # builds the jar once; both runs use a copy that a rebuild cannot replace
JAR=$WORK/crossroot.jar
cp "$MAIN/target/crossroot.jar" "$JAR"

LOCK=$WORK/crossroot.lock
CROSSROOT_CACHE=$WORK/a/cache "$JAVA" -jar "$JAR" lock -o "$LOCK" > "$WORK/lock.out" 2>&1 \
    || { echo "crossroot lock failed; its output: $WORK/lock.out" >&2; exit 1; }

# run SIDE UMASK JOBS FAKETIME-OFFSET: one build plus the rootfs tar, from the side's own cache and temp dir
run() {
    local side=$1 mask=$2 jobs=$3 offset=$4 dir=$WORK/$1
    (
        umask "$mask"
        export CROSSROOT_CACHE=$dir/cache TMPDIR=$dir/tmp FAKETIME_DONT_FAKE_MONOTONIC=1
        java=("$JAVA" -Djava.io.tmpdir="$dir/tmp" -jar "$JAR")
        [ -n "$offset" ] && java=(faketime -f "$offset" "${java[@]}")
        "${java[@]}" build --no-boot --locked "$LOCK" -j "$jobs" -o "$dir/out" > "$dir/build.out" 2>&1
        # the same root again as a tar: the configured-root cache of this side makes it a copy
        "${java[@]}" rootfs --arch riscv64 --variant minbase \
            --include linux-image-riscv64,systemd-sysv,udev,initramfs-tools --locked "$LOCK" -j "$jobs" -o "$dir/rootfs.tar" \
            > "$dir/rootfs.out" 2>&1
    ) || { echo "build $side failed; its output: $dir/build.out, $dir/rootfs.out" >&2; exit 1; }
}
echo "build a: umask 022, -j 1, no time offset ..."
run a 022 1 ""
echo "build b: umask 077, -j 4, clock +3 days 7 hours ..."
run b 077 4 "+3d 7h"

# every compared file, relative to each side; OCI blobs are named by their digest, so a differing blob shows as
# one present on one side only
files=(out/disk.img out/disk.qcow2 rootfs.tar)
while IFS= read -r f; do files+=("$f"); done \
    < <(cd "$WORK/a" && find out/oci -type f | sort; cd "$WORK/b" && find out/oci -type f | sort) 
mapfile -t files < <(printf '%s\n' "${files[@]}" | awk '!seen[$0]++')
hash() { if [ -f "$1" ]; then sha256sum < "$1" | cut -d' ' -f1; else echo "(absent)"; fi; }
differing=()
echo "lock: $LOCK (sha256 $(hash "$LOCK"))"
printf '%-64s  %-64s  %s\n' "SHA-256 (a)" "SHA-256 (b)" FILE
for f in "${files[@]}"; do
    ha=$(hash "$WORK/a/$f"); hb=$(hash "$WORK/b/$f")
    mark=""; [ "$ha" = "$hb" ] || { mark="  DIFFERS"; differing+=("$f"); }
    printf '%-64s  %-64s  %s%s\n' "$ha" "$hb" "$f" "$mark"
done
if [ ${#differing[@]} -eq 0 ]; then
    echo "all ${#files[@]} outputs are byte-identical"
    exit 0
fi
# one diffoscope run per differing output; the OCI layout is compared as a whole directory
mapfile -t compared < <(printf '%s\n' "${differing[@]}" | sed 's|^out/oci/.*|out/oci|' | awk '!seen[$0]++')
for f in "${compared[@]}"; do
    report=$WORK/diffoscope-$(echo "$f" | tr / _).txt
    echo "== $f differs; diffoscope report: $report"
    diffoscope --text "$report" --max-report-size 4000000 "$WORK/a/$f" "$WORK/b/$f" >/dev/null 2>&1 || true
    head -40 "$report"
done
echo "${#differing[@]} of ${#files[@]} outputs differ: ${differing[*]}" >&2
exit 1
