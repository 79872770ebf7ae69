package io.crossroot.rootfs;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs jobs on a few threads as dpkg would run them one by one: a job starts once every job it comes
 * {@code after} has finished and no running job holds one of its resources; among the startable ones the
 * earliest in the given order goes first. Emulated maintainer scripts are CPU-bound, so on N cores N
 * independent scripts finish in about the time of one.
 *
 * <p>Jobs that share a resource also take it in one fixed order, the order a single worker runs them in, whatever
 * the number of workers: two scripts that each add a system user or append to /etc/shells must leave the same
 * uids and lines behind whether the build ran them on one core or on eight.
 */
final class ScriptScheduler {
    /** One unit of work: {@code after} names jobs that must finish first (unknown names are ignored). */
    record Job(String name, Set<String> after, Set<String> resources) {}

    private ScriptScheduler() {}

    /** Runs every job; the first failure is rethrown once the running jobs end, and nothing further starts. */
    static void run(List<Job> jobs, int workers, Consumer<Job> action) {
        Set<String> names = new HashSet<>();
        jobs.forEach(j -> names.add(j.name()));
        List<Job> waiting = serialOrder(jobs, names);
        Set<String> done = new HashSet<>();
        Set<String> busy = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, workers),
                Thread.ofPlatform().daemon().name("crossroot-script-", 0).factory());
        CompletionService<Job> finished = new ExecutorCompletionService<>(pool);
        int running = 0;
        RuntimeException failure = null;
        try {
            while (!waiting.isEmpty() || running > 0) {
                while (failure == null && running < workers) {
                    Job next = startable(waiting, names, done, busy);
                    if (next == null) {
                        break;
                    }
                    waiting.remove(next);
                    busy.addAll(next.resources());
                    finished.submit(() -> action.accept(next), next);
                    running++;
                }
                if (running == 0) {
                    if (failure != null) {
                        throw failure;
                    }
                    throw new IllegalStateException("jobs wait on each other: " + waiting);
                }
                Future<Job> f = finished.take();
                running--;
                try {
                    Job j = f.get();
                    done.add(j.name());
                    busy.removeAll(j.resources());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(e.getCause());
                    }
                    waiting.clear();
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while running maintainer scripts; the partial root is deleted.");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The first job in {@code waiting} (kept in {@link #serialOrder}) whose dependencies are done and none of whose
     * resources is held or still owed to an earlier waiting job.
     */
    private static Job startable(List<Job> waiting, Set<String> names, Set<String> done, Set<String> busy) {
        Set<String> owed = new HashSet<>();
        for (Job j : waiting) {
            boolean ready = j.after().stream().allMatch(a -> done.contains(a) || !names.contains(a));
            if (ready && j.resources().stream().noneMatch(r -> busy.contains(r) || owed.contains(r))) {
                return j;
            }
            owed.addAll(j.resources());
        }
        return null;
    }

    /**
     * The order one worker would run {@code jobs} in (each time the earliest whose dependencies are done): every
     * job comes after its dependencies, so taking resources in this order never waits on a job that waits back.
     */
    static List<Job> serialOrder(List<Job> jobs, Set<String> names) {
        List<Job> left = new ArrayList<>(jobs);
        List<Job> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (!left.isEmpty()) {
            Job next = left.stream()
                    .filter(j -> j.after().stream().allMatch(a -> done.contains(a) || !names.contains(a)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("jobs wait on each other: " + left));
            left.remove(next);
            done.add(next.name());
            out.add(next);
        }
        return out;
    }
}
