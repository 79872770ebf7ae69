package io.crossroot.pkgbuild;

import io.crossroot.util.PartialDirectory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A build's own copy of a pristine build root, in the cache's work directory. Unless kept, it is deleted when closed
 * or on Ctrl-C (even one that comes while it is being copied), and one a kill (SIGKILL) left behind is deleted by the
 * next build of the same source, as any partial output is.
 */
final class WorkingRoot implements AutoCloseable {
    private final PartialDirectory claimed; // null when kept
    private final Path root;

    private WorkingRoot(PartialDirectory claimed, Path root) {
        this.claimed = claimed;
        this.root = root;
    }

    static WorkingRoot copy(BuildRootCache roots, Path pristine, String label, boolean keep) throws IOException {
        if (keep) {
            return new WorkingRoot(null, roots.copy(pristine, roots.newWorkDir(label)));
        }
        PartialDirectory claimed = PartialDirectory.beside(roots.workDir().resolve(label));
        try {
            return new WorkingRoot(claimed, roots.copy(pristine, claimed.path()));
        } catch (RuntimeException e) {
            claimed.close();
            throw e;
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void close() {
        if (claimed != null) {
            claimed.close();
        }
    }
}
