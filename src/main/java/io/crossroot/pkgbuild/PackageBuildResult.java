package io.crossroot.pkgbuild;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A finished build, successful or not.
 *
 * @param artifacts  the .deb/.rpm, .buildinfo and .changes files copied to the output directory
 * @param log        the full build log (kept on failure too)
 * @param timings    wall time per phase: fetch, deps, root, build, collect, total
 * @param cpu        wall, user and system time of the build command itself; null when it did not report them
 * @param keptRoot   the build root when --keep-root kept it, else null
 * @param tail       the log's last lines (for a failure's message)
 */
public record PackageBuildResult(
        String name,
        String version,
        String arch,
        boolean ok,
        List<Path> artifacts,
        Path log,
        Map<String, Duration> timings,
        CpuTimes cpu,
        Path keptRoot,
        List<String> tail) {
    public static final List<String> PHASES = List.of("fetch", "deps", "root", "build", "collect", "total");

    public PackageBuildResult {
        artifacts = List.copyOf(artifacts);
        timings = Map.copyOf(timings);
        tail = List.copyOf(tail);
    }
}
