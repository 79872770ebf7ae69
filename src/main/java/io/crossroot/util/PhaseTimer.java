package io.crossroot.util;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock time of consecutive phases; a phase ended twice adds up. */
public final class PhaseTimer {
    private final long start = System.nanoTime();
    private long last = start;
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    /** Ends {@code phase}: it lasted from the end of the previous one (or the start) until now. */
    public void end(String phase) {
        long now = System.nanoTime();
        timings.merge(phase, Duration.ofNanos(now - last), Duration::plus);
        last = now;
    }

    /** The phases so far, in the order they first ended. */
    public Map<String, Duration> timings() {
        return new LinkedHashMap<>(timings);
    }

    /** The phases so far, then "total": the time since this timer was made. */
    public Map<String, Duration> timingsWithTotal() {
        Map<String, Duration> out = timings();
        out.put("total", Duration.ofNanos(System.nanoTime() - start));
        return out;
    }

    /** "time: phase 1.2s phase 0.3s ...", the summary line long commands end with (a decimal point in any locale). */
    public static String summary(Map<String, Duration> timings) {
        StringBuilder s = new StringBuilder("time:");
        timings.forEach((phase, d) ->
                s.append(' ').append(phase).append(' ').append(seconds(d)).append('s'));
        return s.toString();
    }

    /** Each phase's seconds, to the millisecond, in the same order (for --json: data, not a summary). */
    public static Map<String, Double> inSeconds(Map<String, Duration> timings) {
        Map<String, Double> out = new LinkedHashMap<>();
        timings.forEach((phase, d) -> out.put(phase, d.toMillis() / 1000.0));
        return out;
    }

    /** Seconds, to a tenth. */
    public static double seconds(Duration d) {
        return d == null ? 0 : Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
