package io.crossroot.rootfs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A finished build: the installed packages (name to version), the output, and how long each phase took. */
public record RootfsResult(String arch, String suite, String variant, Map<String, String> packages, Path output,
        Map<String, Duration> timings) {
    public static final List<String> PHASES = List.of("resolve", "download", "unpack", "configure", "output", "total");

    public RootfsResult {
        packages = Map.copyOf(packages);
        timings = Map.copyOf(timings);
    }
}
