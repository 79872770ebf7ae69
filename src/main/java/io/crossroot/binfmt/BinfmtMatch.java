package io.crossroot.binfmt;

import java.util.List;
import java.util.Optional;

/**
 * The entry the kernel would use for a file, and any other enabled entries that match it too.
 *
 * <p>The kernel keeps entries in a list with the newest first (fs/binfmt_misc.c adds with list_add) and takes the
 * first match, so the most recently registered matching entry wins. /proc shows no registration order: its
 * directory order is newest-first for entries created since boot on current kernels, but that is not a promise.
 * crossroot therefore takes the first match in directory order and reports the rest in {@link #alsoMatching()}:
 * when that list is not empty the choice is {@link #ambiguous()} and the user should remove the extra entries.
 */
public record BinfmtMatch(BinfmtEntry entry, List<BinfmtEntry> alsoMatching) {
    public BinfmtMatch {
        alsoMatching = List.copyOf(alsoMatching);
    }

    public String interpreter() {
        return entry.interpreter();
    }

    public boolean ambiguous() {
        return !alsoMatching.isEmpty();
    }

    /** The enabled entries of {@code entries} (in /proc order) that match {@code header}. */
    public static Optional<BinfmtMatch> among(List<BinfmtEntry> entries, byte[] header) {
        List<BinfmtEntry> hits =
                entries.stream().filter(e -> e.enabled() && e.matches(header)).toList();
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BinfmtMatch(hits.get(0), hits.subList(1, hits.size())));
    }
}
