package io.crossroot.rootfs;

import io.crossroot.sbom.Inventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A finished build: the installed packages (name to version), the output, how long each phase took, and the
 * software inventory written into the root.
 */
public record RootfsResult(
        String arch,
        String suite,
        String variant,
        Map<String, String> packages,
        Path output,
        Map<String, Duration> timings,
        Inventory inventory) {
    /** Every phase a build may have, in order; a reused root has "copy" instead of download to cache. */
    public static final List<String> PHASES =
            List.of("resolve", "download", "unpack", "configure", "cache", "copy", "output", "total");

    public RootfsResult {
        packages = Map.copyOf(packages);
        timings = Map.copyOf(timings);
    }

    /** Whether the tree was copied from an identical earlier build instead of built. */
    public boolean reusedConfiguredRoot() {
        return timings.containsKey("copy");
    }
}
