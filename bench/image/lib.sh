# Shared by the image benches: timing, medians, and the state every measurement starts from.
seconds() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Every measurement starts from the same state, and crossroot and import take turns going first. Removing the
# previous run's image frees thousands of inodes, and ext4 (without a journal, as on this VM) steps over each
# recently freed inode it meets while allocating for up to a minute or more: the next unpack then spends seconds
# of kernel time that belong to the bench, not to the method measured. So: sync, drop the caches (the freed inodes'
# table blocks with them), then read the root filesystem and both programs back in, as they are right after a
# build.
settle() { # TREE...
  sync
  echo 3 > /proc/sys/vm/drop_caches
  for tree in "$@"; do find "$tree" -type f -exec cat {} + >/dev/null 2>&1 || true; done
  cat "$here/target/crossroot.jar" "$here/target/crossroot.jar.jsa" "$(command -v docker)" >/dev/null 2>&1 || true
  sleep 1
}
