package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScriptSchedulerTest {
    private static ScriptScheduler.Job job(String name, Set<String> after, Set<String> resources) {
        return new ScriptScheduler.Job(name, after, resources);
    }

    @Test
    void dependenciesFinishFirstAndSharedResourcesNeverOverlap() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Set<String> holding = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger maxParallel = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        List<ScriptScheduler.Job> jobs = List.of(
                job("libc6", Set.of(), Set.of("debconf")),
                job("base-passwd", Set.of("libc6"), Set.of("debconf", "accounts")),
                job("tar", Set.of("libc6"), Set.of()),
                job("gzip", Set.of("libc6"), Set.of()),
                job("passwd", Set.of("base-passwd"), Set.of("accounts")),
                job("apt", Set.of("libc6", "not-in-the-set"), Set.of("accounts")));

        ScriptScheduler.run(jobs, 2, j -> {
            maxParallel.accumulateAndGet(running.incrementAndGet(), Math::max);
            for (String r : j.resources()) {
                if (!holding.add(r)) {
                    overlaps.incrementAndGet();
                }
            }
            events.add("start " + j.name());
            sleep(30);
            events.add("end " + j.name());
            holding.removeAll(j.resources());
            running.decrementAndGet();
        });

        assertThat(overlaps).hasValue(0);
        assertThat(maxParallel).hasValue(2);
        assertThat(events.indexOf("end libc6")).isLessThan(events.indexOf("start tar"));
        assertThat(events.indexOf("end base-passwd")).isLessThan(events.indexOf("start passwd"));
        assertThat(events).hasSize(12);
    }

    @Test
    void jobsSharingAResourceRunInTheOrderOneWorkerRunsThemWhateverTheWorkers() {
        // adduser in "b" must get the first free uid whether or not "c", ready earlier, could have gone first
        List<ScriptScheduler.Job> jobs = List.of(
                job("a", Set.of(), Set.of()),
                job("b", Set.of("a"), Set.of("accounts")),
                job("c", Set.of(), Set.of("accounts")),
                job("d", Set.of(), Set.of()));
        for (int workers = 1; workers <= 4; workers++) {
            List<String> accountUsers = Collections.synchronizedList(new ArrayList<>());
            ScriptScheduler.run(jobs, workers, j -> {
                if (j.name().equals("a")) {
                    sleep(50);
                }
                if (j.resources().contains("accounts")) {
                    accountUsers.add(j.name());
                }
            });
            assertThat(accountUsers).as("with %d workers", workers).containsExactly("b", "c");
        }
    }

    @Test
    void aFailureStopsFurtherJobsAndIsRethrown() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        List<ScriptScheduler.Job> jobs = List.of(job("a", Set.of(), Set.of()), job("b", Set.of("a"), Set.of()));

        assertThatThrownBy(() -> ScriptScheduler.run(jobs, 2, j -> {
                    ran.add(j.name());
                    throw new IllegalStateException(j.name() + " failed");
                }))
                .hasMessage("a failed");
        assertThat(ran).containsExactly("a");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
