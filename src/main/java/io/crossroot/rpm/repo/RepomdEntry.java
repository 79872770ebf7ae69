package io.crossroot.rpm.repo;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code <data>} entry of repomd.xml: its type (primary, filelists, other, group, group_gz, modules, ...), the
 * file with checksum and size, and the checksum and size of its decompressed content when listed.
 */
public record RepomdEntry(String type, RepoFile file, Optional<Checksum> openChecksum, OptionalLong openSize) {}
