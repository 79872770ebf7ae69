package io.crossroot.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a load gave: the names the engine reports, and how long each phase took. */
public record LoadedImage(List<String> names, Map<String, Duration> timings) {
    public LoadedImage {
        names = List.copyOf(names);
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings)); // phase order
    }
}
