#!/usr/bin/env bash
# Package builds under qemu-user versus native: prints crossroot's bench table for each source.
# Usage: bench/pkgbuild.sh [ARCH] [SUITE] [SOURCE...]   (default: riscv64 sid hello)
# Needs root and binfmt entries: ./crossroot binfmt install --arch riscv64,arm64
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
arch=${1:-riscv64}; suite=${2:-sid}; shift $(( $# > 2 ? 2 : $# )) || true
sources=("${@:-hello}")
snapshot=(); [ "$suite" = sid ] && snapshot=(--snapshot)
exec "$here/crossroot" pkg bench --arch "$arch" --suite "$suite" "${snapshot[@]}" --profiles nocheck,nodoc \
    -o "${BENCH_OUT:-/var/tmp/crossroot-pkgbench}" "${sources[@]}"
