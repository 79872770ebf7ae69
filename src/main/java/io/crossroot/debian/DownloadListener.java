package io.crossroot.debian;

import java.nio.file.Path;

/**
 * Follows downloads, e.g. to draw a progress bar. Parallel downloads call it from several threads at once, so
 * implementations must be thread-safe. All methods do nothing by default.
 */
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() {};

    /** A file is about to be fetched from the mirror ({@code size} bytes). Not called for cache hits. */
    default void started(String name, long size) {}

    /** {@code bytes} more bytes of {@code name} arrived. */
    default void progress(String name, long bytes) {}

    /** {@code name} is verified and in the cache at {@code file}; {@code cached} when no download was needed. */
    default void finished(String name, Path file, boolean cached) {}
}
