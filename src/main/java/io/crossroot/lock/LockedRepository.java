package io.crossroot.lock;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One repository of a lockfile: a Debian suite on a mirror ({@code type: deb}), the signed Release file the sets
 * were resolved from (its name, Date and SHA256, for the record: a locked build fetches pool files only), and the
 * sets pinned from it.
 */
public record LockedRepository(
        String type,
        URI mirror,
        String suite,
        String releaseFile,
        Instant releaseDate,
        String releaseSha256,
        List<LockedSet> sets) {
    public static final String DEB = "deb";

    public LockedRepository {
        sets = sets.stream()
                .sorted(Comparator.comparing(LockedSet::role).thenComparing(LockedSet::arch))
                .toList();
    }
}
