package io.crossroot.oci;

import java.util.OptionalLong;

/**
 * How layers are written.
 *
 * @param sourceDateEpoch the time recorded as "created" and the latest mtime kept; empty: $SOURCE_DATE_EPOCH,
 *                        else the newest mtime in the root filesystem, so equal inputs give equal images
 */
public record BuildOptions(LayerCompression compression, OptionalLong sourceDateEpoch) {
    public static final String ENV = "SOURCE_DATE_EPOCH";

    public static BuildOptions defaults() {
        return new BuildOptions(LayerCompression.GZIP, fromEnvironment());
    }

    /** The epoch of a layer whose newest mtime, as written, is {@code newestMtime}: the given one, else that. */
    long epoch(long newestMtime) {
        return sourceDateEpoch.orElse(newestMtime);
    }

    /** $SOURCE_DATE_EPOCH when set, as reproducible-builds.org defines it. */
    public static OptionalLong fromEnvironment() {
        String v = System.getenv(ENV);
        if (v == null || v.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new io.crossroot.util.UserError(ENV + "='" + v + "' is not a number of seconds since 1970; "
                    + "unset it, set it to e.g. $(git log -1 --format=%ct), or give --source-date-epoch.");
        }
    }
}
