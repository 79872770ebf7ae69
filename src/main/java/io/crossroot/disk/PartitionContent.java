package io.crossroot.disk;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What goes into one partition's filesystem.
 *
 * @param source    host directory mirrored into the filesystem root, or null
 * @param excluded  paths below source that other partitions hold (left as empty directories)
 * @param files     single host files put at the top level (vfat "files")
 * @param generated generated files, paths relative to the filesystem root
 */
record PartitionContent(
        Path source, Set<String> excluded, List<Path> files, List<FilesystemTree.RelativeFile> generated) {}
