package io.crossroot.lock;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * What a lockfile was resolved for: the suite, the target architectures, the variant and the extra packages. A locked build
 * must ask for exactly this, or it would install a set resolved for something else.
 */
public record LockRequest(String suite, List<String> archs, String variant, List<String> include) {
    public LockRequest {
        archs = List.copyOf(new TreeSet<>(archs));
        include = List.copyOf(new TreeSet<>(include));
    }

    /** The request with the names as given on a command line or in a recipe (arch aliases, variant names). */
    public static LockRequest of(String suite, List<String> arches, String variant, List<String> include) {
        return new LockRequest(
                suite,
                arches.stream().map(a -> ArchCatalog.require(a).debian()).toList(),
                Variant.fromName(variant).displayName(),
                include);
    }

    /** Throws a {@link UserError} naming {@code lockFile} when {@code wanted} is not what the lock was made for. */
    public void requireSame(LockRequest wanted, Path lockFile) {
        if (!equals(wanted)) {
            throw new UserError("The lockfile " + lockFile + " was made for " + describe() + ", but this build asks "
                    + "for " + wanted.describe() + ". Use the lockfile made for this build, or re-resolve it with "
                    + "--update-lock (or 'crossroot lock') to lock what this build asks for.");
        }
    }

    String describe() {
        return "suite " + suite + ", architectures " + String.join(",", archs) + ", variant " + variant + ", include "
                + (include.isEmpty() ? "(none)" : String.join(",", include));
    }
}
