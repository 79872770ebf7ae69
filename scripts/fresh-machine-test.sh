#!/usr/bin/env bash
# The fresh-machine test: crossroot builds a minimal Debian system for amd64 (minbase and a JDK 21, nothing else),
# a clean copy of this checkout goes into it, and README's main command runs there as root, through to the boot
# check's login prompt. It fails when crossroot's main job needs anything a fresh system lacks (Maven, attr,
# docker, qemu, ...). Run by ./run-tests; needs root. Only crossroot's downloaded packages are shared with the host
# (its blobs): no configured root, no toolbox, no host program.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
work=${CROSSROOT_FRESH_DIR:-/var/tmp/crossroot-fresh-machine}
host_cache=${CROSSROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crossroot}
root=$work/root
log=$work/run.log
# Programs a fresh system must not have for this test to mean anything.
absent=(mvn getfattr docker dockerd podman qemu-riscv64 qemu-riscv64-static qemu-system-riscv64 mke2fs curl wget unzip)

step() { printf '== fresh machine: %s\n' "$*"; }
fail() {
    echo "fresh machine test FAILED: $*" >&2
    [ -f "$log" ] && { echo "last lines of $log:" >&2; tail -40 "$log" >&2; }
    exit 1
}

[ "$(id -u)" = 0 ] || fail "needs root (it builds a root file system and chroots into it)"
start=$SECONDS
mkdir -p "$work"
# A root from an earlier run may still hold files owned by its users; all mounts below live in a private mount
# namespace, so nothing is mounted there once that namespace is gone.
rm -rf "$root" "$root.tmp"

step "building a minbase trixie amd64 root with openjdk-21-jdk-headless (crossroot rootfs)"
"$here/crossroot" rootfs --arch amd64 --suite trixie --variant minbase --include openjdk-21-jdk-headless \
    -o "$root.tmp" >"$work/rootfs.log" 2>&1 || { log=$work/rootfs.log; fail "crossroot rootfs could not build the fresh root"; }
mv "$root.tmp" "$root"

step "copying a clean checkout, the CA certificates and the resolver configuration in"
mkdir -p "$root/root/crossroot" "$root/root/.cache/crossroot/blobs" "$host_cache/blobs"
# Tracked files only, as a clone has them: no target/, no build output, no local state.
git -C "$here" ls-files -z | (cd "$here" && tar --null -T - -cf -) | tar -xf - -C "$root/root/crossroot"
# HTTPS to Maven Central is re-signed by a local CA here; a real machine here has it, so the fresh one gets it too.
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

for program in "${absent[@]}"; do
    if chroot "$root" /bin/sh -c "command -v $program" >/dev/null 2>&1; then
        fail "the fresh root has '$program': the test would prove nothing"
    fi
done

step "running README's main command in it: sudo ./crossroot build (log: $log)"
# In a private mount and PID namespace: the root bound onto itself (crossroot's sandbox needs its / to be a mount
# point), /proc, /sys, /dev, /tmp and binfmt_misc, and the host's downloaded packages.
set +e
unshare --mount --pid --fork --kill-child -- /bin/bash -c '
    set -e
    root=$1 blobs=$2
    mount --make-rprivate /
    mount --bind "$root" "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs tmpfs "$root/tmp"
    mount -t binfmt_misc binfmt_misc "$root/proc/sys/fs/binfmt_misc"
    mount --bind "$blobs" "$root/root/.cache/crossroot/blobs"
    exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 TERM=dumb /bin/bash -c "
            set -e
            update-ca-certificates >/dev/null
            cd /root/crossroot
            ./crossroot build --print-recipe > /root/recipe.out
            ./crossroot build"
' fresh-machine "$root" "$host_cache/blobs" >"$log" 2>&1
status=$?
set -e
[ "$status" = 0 ] || fail "README's main command exited with $status in the fresh root"
grep -q '^arch: ' "$root/root/recipe.out" || fail "'./crossroot build --print-recipe' printed no recipe"
grep -Eq '^  boot: .*login:' "$log" || fail "the build finished without reporting the login prompt"
step "passed in $((SECONDS - start)) s: the fresh root reached login: with only a JDK added"
