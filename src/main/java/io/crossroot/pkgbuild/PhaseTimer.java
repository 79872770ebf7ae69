package io.crossroot.pkgbuild;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock time of consecutive build phases (root, deps, build, collect). */
final class PhaseTimer {
    private long last = System.nanoTime();
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    void end(String phase) {
        long now = System.nanoTime();
        timings.merge(phase, Duration.ofNanos(now - last), Duration::plus);
        last = now;
    }

    Map<String, Duration> timings() {
        return new LinkedHashMap<>(timings);
    }
}
