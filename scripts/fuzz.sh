#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of input (Jazzer), one target at a time, SECONDS each (default 20).
# ./run-tests runs it briefly after the suite; a longer run: scripts/fuzz.sh 600. An input that makes a parser fail
# with anything but a UserError is saved beside the target's seeds (src/test/resources/.../*FuzzTestInputs/METHOD/)
# and then replays in every run of the suite: commit it with the fix.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
seconds=${1:-20}
targets=(
    io.crossroot.debian.Deb822FuzzTest#paragraphs
    io.crossroot.debian.Deb822FuzzTest#release
    io.crossroot.debian.Deb822FuzzTest#relations
    io.crossroot.debian.Deb822FuzzTest#versions
    io.crossroot.debian.deb.DebFileFuzzTest#deb
    io.crossroot.rpm.file.RpmFileFuzzTest#rpm
    io.crossroot.rpm.file.RpmFileFuzzTest#cpio
    io.crossroot.rpm.repo.RpmMetadataFuzzTest#versions
    io.crossroot.rpm.repo.RpmMetadataFuzzTest#dependencies
    io.crossroot.rpm.repo.RpmMetadataFuzzTest#repomd
    io.crossroot.rpm.repo.RpmMetadataFuzzTest#primary
    io.crossroot.rpm.repo.RpmMetadataFuzzTest#filelists
    io.crossroot.rpm.repo.RpmMetadataFuzzTest#comps
    io.crossroot.rpm.repo.RpmMetadataFuzzTest#repoFiles
    io.crossroot.oci.tree.TarTreeFuzzTest#tar
    io.crossroot.elf.ElfFileFuzzTest#elf
    io.crossroot.disk.LayoutFuzzTest#genimage
    io.crossroot.disk.LayoutFuzzTest#layoutYaml
    io.crossroot.pipeline.BuildRecipeFuzzTest#buildRecipe
    io.crossroot.pipeline.BuildRecipeFuzzTest#imageRecipe
    io.crossroot.lock.LockfileFuzzTest#lockfile
)
. "$here/scripts/find-jdk.sh"
crossroot_find_jdk
cd "$here"
./mvnw -q -B test-compile
mkdir -p target/fuzz
failed=()
for target in "${targets[@]}"; do
    log=target/fuzz/${target##*.}.log
    # The heap is small on purpose: an allocation sized from the input then shows as an OutOfMemoryError finding.
    if JAZZER_FUZZ=1 ./mvnw -B surefire:test@fuzz-regression -Dtest="$target" -Djazzer.max_duration="${seconds}s" \
            -DargLine=-Xmx1g -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1; then
        runs=$(grep -Eo '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
        printf '== fuzz %-55s %ss, %s executions, no finding\n' "$target" "$seconds" "${runs:-?}"
    else
        printf '== fuzz %-55s FINDING (log: %s)\n' "$target" "$log"
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found inputs that crash ${failed[*]}: see the logs above; the inputs are saved beside the seeds." >&2
    exit 1
fi
