package io.crossroot.pkgbuild;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds several packages at once, each in its own root. How many run together is bounded by the cores and by
 * memory (an emulated compiler plus the build's tools can take a few GiB), see {@link #parallelism}.
 */
public final class BatchBuilder {
    static final long MEMORY_PER_BUILD = 4L << 30;

    private final PackageBuilder builder;

    public BatchBuilder(PackageBuilder builder) {
        this.builder = builder;
    }

    /** One package's outcome: a result (built or failed), or the error that stopped it before building. */
    public record Entry(String source, PackageBuildResult result, String error) {
        public boolean ok() {
            return result != null && result.ok();
        }
    }

    /** min(cores, available memory / 4 GiB, builds), at least 1. */
    public static int parallelism(int builds, int cores, long availableMemory) {
        long byMemory = Math.max(1, availableMemory / MEMORY_PER_BUILD);
        return (int) Math.max(1, Math.min(builds, Math.min(cores, byMemory)));
    }

    public List<Entry> build(List<PackageBuildRequest> requests, int parallel) {
        ExecutorService pool = Executors.newFixedThreadPool(
                parallel, Thread.ofPlatform().name("crossroot-build-", 0).factory());
        try {
            List<Future<Entry>> futures = new ArrayList<>();
            for (PackageBuildRequest r : requests) {
                futures.add(pool.submit(() -> one(r)));
            }
            List<Entry> out = new ArrayList<>();
            for (Future<Entry> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("The batch was interrupted; the running builds' roots are deleted.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Entry one(PackageBuildRequest r) {
        try {
            return new Entry(r.source(), builder.build(r), null);
        } catch (UserError e) {
            return new Entry(r.source(), null, e.getMessage());
        }
    }
}
