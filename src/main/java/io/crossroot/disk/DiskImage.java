package io.crossroot.disk;

import java.nio.file.Path;
import java.util.List;

/** A finished image: where it is, its size, and where each partition landed. */
public record DiskImage(Path path, long sizeBytes, DiskPlan plan, List<PlacedPartition> partitions) {}
