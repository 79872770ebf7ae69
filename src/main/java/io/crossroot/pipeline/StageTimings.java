package io.crossroot.pipeline;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per pipeline stage, in the order the stages ran. */
public final class StageTimings {
    private final Map<String, Duration> stages = new LinkedHashMap<>();
    private final long start = System.nanoTime();

    /** Runs one stage and records how long it took, also when it fails. */
    <T> T time(String stage, StageBody<T> body) throws Exception {
        long t0 = System.nanoTime();
        try {
            return body.run();
        } finally {
            stages.put(stage, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    @FunctionalInterface
    interface StageBody<T> {
        T run() throws Exception;
    }

    public Map<String, Duration> stages() {
        return Collections.unmodifiableMap(stages);
    }

    public Duration total() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
