#!/usr/bin/env bash
# The hard cases of accelerated package builds, each built under plain qemu-user and accelerated (and whatever
# --modes adds): gnulib (gawk), libtool and assembler (libffi), a configure that calls uname (zlib), a perl XS module
# (libclass-xsaccessor-perl) and a Python C extension (pylibmc). Prints crossroot's bench table per package: times,
# ratios, and whether the accelerated .debs are the plain build's, byte for byte.
# Usage: bench/pkgbuild-matrix.sh [ARCH] [SUITE] [SOURCE...]   (default: riscv64 trixie and the five above)
# Needs root. About 1 h 30 on 2 cores, most of it the qemu-user builds.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
arch=${1:-riscv64}; suite=${2:-trixie}; shift $(( $# > 2 ? 2 : $# )) || true
sources=("${@:-gawk libffi zlib libclass-xsaccessor-perl pylibmc}")
read -r -a sources <<< "${sources[*]}"
snapshot=(); case "$suite" in sid|forky) snapshot=(--snapshot) ;; esac
exec "$here/crossroot" pkg bench --arch "$arch" --suite "$suite" "${snapshot[@]}" --profiles nocheck \
    --modes "${MODES:-user,accel}" -o "${BENCH_OUT:-/var/tmp/crossroot-pkgbench-matrix}" "${sources[@]}"
