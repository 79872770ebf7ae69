# Shared by the image benches: timing, medians, and the state every measurement starts from.
seconds() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
# The reference every image bench compares with: the tree as GNU tar writes it (owners as numbers, xattrs), into
# the engine's import.
import_tree() { tar -C "$1" --numeric-owner --xattrs -cf - . | docker import - "$2" >/dev/null; } # DIR TAG
# Methods take turns going first, and going first costs more here (the run right after the previous images are
# removed is up to 0.4 s slower, whichever method it is): an odd number of runs would give one method that slot
# once more. So runs come in pairs.
even() { echo $(( ($1 + 1) / 2 * 2 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Every measurement starts from the same state, and crossroot and import take turns going first. Removing the
# previous run's image frees thousands of inodes, and ext4 (without a journal, as on this VM) steps over each
# recently freed inode it meets while allocating for up to a minute or more: the next unpack then spends seconds of
# kernel time that belong to the bench, not to the method measured. So: sync, drop the caches (the freed inodes'
# table blocks with them), then read the root filesystem and every method's programs back in, as they are right
# after a build: the docker CLI, tar, and crossroot's jar, start-up archive (.jsa or .aot) and JDK (its runtime
# image and libjvm alone are 160 MB; left out, a cold JVM start reads them from disk, 0.2 s here, which tar never
# pays).
settle() { # TREE...
  sync
  echo 3 > /proc/sys/vm/drop_caches
  for tree in "$@"; do find "$tree" -type f -exec cat {} + >/dev/null 2>&1 || true; done
  local jdk=${JAVA_HOME:-$(cat "$here/target/.java-home" 2>/dev/null || true)}
  cat "$here/target/crossroot.jar" "$here/target/crossroot.jar.jsa" "$here/target/crossroot.jar.aot" \
      "$(command -v docker)" "$(command -v tar)" \
      >/dev/null 2>&1 || true
  [ -z "$jdk" ] || find "$jdk/bin/java" "$jdk/lib" -type f \( -name java -o -name modules -o -name '*.so' -o -name '*.jsa' \) \
      -exec cat {} + >/dev/null 2>&1 || true
  sleep 1
}
