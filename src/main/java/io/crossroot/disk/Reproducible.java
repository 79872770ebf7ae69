package io.crossroot.disk;

import java.util.Map;

/** Environment that makes mke2fs, mkfs.vfat and mtools stamp SOURCE_DATE_EPOCH instead of the current time. */
final class Reproducible {
    private Reproducible() {}

    static Map<String, String> env(long epoch) {
        return Map.of(
                "SOURCE_DATE_EPOCH", String.valueOf(epoch), "E2FSPROGS_FAKE_TIME", String.valueOf(epoch), "TZ", "UTC");
    }
}
