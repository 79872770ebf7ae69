package io.crossroot.debian;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently the mirror is read: a connection must open within {@code connectTimeout}, no read may wait longer
 * than {@code readTimeout} for its next bytes, and a failed transfer (stall, reset, truncated body, HTTP 5xx) is
 * tried {@code attempts} times in all, waiting {@code firstBackoff}, then twice as long each further time.
 */
public record DownloadPolicy(Duration connectTimeout, Duration readTimeout, int attempts, Duration firstBackoff) {
    public static final DownloadPolicy DEFAULT =
            new DownloadPolicy(Duration.ofSeconds(30), Duration.ofSeconds(60), 3, Duration.ofSeconds(1));

    public DownloadPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (connectTimeout.toMillis() < 1 || readTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeouts must be at least 1 ms");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** The pause before attempt {@code next} (2, 3, ...). */
    Duration backoffBefore(int next) {
        return firstBackoff.multipliedBy(1L << Math.min(next - 2, 16));
    }
}
