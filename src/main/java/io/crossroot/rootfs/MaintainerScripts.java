package io.crossroot.rootfs;

import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Runs what must run under emulation, inside the root, as "dpkg --install" of the unpacked set would: every
 * preinst ("install") in install order, then the postinsts ("configure"), then the fired triggers. dpkg itself
 * does not run: under emulation its own work costs seconds, and it configures strictly one package at a time.
 */
final class MaintainerScripts {
    /** The environment dpkg gives scripts in a non-interactive bootstrap (as mmdebstrap sets it). */
    static final Map<String, String> ENV = Map.of(
            "DEBIAN_FRONTEND", "noninteractive",
            "DEBCONF_NONINTERACTIVE_SEEN", "true",
            "LC_ALL", "C.UTF-8",
            "PATH", "/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME", "/root");

    private final Sandbox sandbox;
    private final Path root;
    private final RootfsProgress progress;
    private final Map<String, String> env;

    MaintainerScripts(Sandbox sandbox, Path root, RootfsProgress progress) {
        this(sandbox, root, progress, OptionalLong.empty());
    }

    /**
     * With an epoch, the scripts see it as SOURCE_DATE_EPOCH: mkinitramfs then stamps every file of the initramfs
     * with it and writes the cpio with --reproducible, so the same packages give the same initrd.img.
     */
    MaintainerScripts(Sandbox sandbox, Path root, RootfsProgress progress, OptionalLong sourceDateEpoch) {
        this.sandbox = sandbox;
        this.root = root;
        this.progress = progress;
        Map<String, String> e = new HashMap<>(ENV);
        sourceDateEpoch.ifPresent(t -> e.put("SOURCE_DATE_EPOCH", Long.toString(t)));
        this.env = Map.copyOf(e);
    }

    /**
     * Its preinst writes /etc/passwd and /etc/group, which other preinsts need: debconf, which the preinsts of
     * libc6 and libpam-modules start, looks up root's home directory and warns when root has no entry. debootstrap
     * installs this package before any other for the same reason.
     */
    static final String ACCOUNTS_PACKAGE = "base-passwd";

    /**
     * Every preinst ("install") before any postinst, as "dpkg --install" of the whole set runs them: each after
     * the preinsts of its dependencies, independent ones side by side (see {@link #postinstAll}), and all after
     * {@link #ACCOUNTS_PACKAGE}'s.
     */
    void preinstAll(List<UnpackedPackage> installOrder, Map<String, Set<String>> dependencies, int workers) {
        runEach("preinst", List.of("install"), installOrder, accountsFirst(installOrder, dependencies), workers);
    }

    /**
     * {@code dependencies} with every package after {@link #ACCOUNTS_PACKAGE}, which waits for none: its preinst
     * needs nothing but sh, and waiting for its own dependencies would make them wait on each other.
     */
    static Map<String, Set<String>> accountsFirst(
            List<UnpackedPackage> installOrder, Map<String, Set<String>> dependencies) {
        if (installOrder.stream().noneMatch(p -> p.name().equals(ACCOUNTS_PACKAGE))) {
            return dependencies;
        }
        Map<String, Set<String>> out = new HashMap<>();
        for (UnpackedPackage p : installOrder) {
            if (!p.name().equals(ACCOUNTS_PACKAGE)) {
                Set<String> after = new HashSet<>(dependencies.getOrDefault(p.name(), Set.of()));
                after.add(ACCOUNTS_PACKAGE);
                out.put(p.name(), after);
            }
        }
        return out;
    }

    /**
     * Every postinst ("configure" with no old version), each once the packages it depends on are configured,
     * independent ones side by side on {@code workers} threads unless they write the same database
     * ({@link ScriptResources}).
     */
    void postinstAll(List<UnpackedPackage> installOrder, Map<String, Set<String>> dependencies, int workers) {
        runEach("postinst", List.of("configure", "''"), installOrder, dependencies, workers);
    }

    private void runEach(
            String script,
            List<String> args,
            List<UnpackedPackage> installOrder,
            Map<String, Set<String>> dependencies,
            int workers) {
        List<ScriptScheduler.Job> jobs = new ArrayList<>();
        Map<String, UnpackedPackage> byName = new HashMap<>();
        for (UnpackedPackage p : installOrder) {
            byName.put(p.name(), p);
            byte[] text = p.controlFiles().get(script);
            jobs.add(new ScriptScheduler.Job(
                    p.name(),
                    dependencies.getOrDefault(p.name(), Set.of()),
                    text == null ? Set.of() : ScriptResources.of(text)));
        }
        long count = installOrder.stream()
                .filter(p -> p.controlFiles().containsKey(script))
                .count();
        progress.phase("configuring", count + " " + script + " scripts, " + workers + " at a time");
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        ScriptScheduler.run(jobs, workers, job -> {
            UnpackedPackage p = byName.get(job.name());
            if (p.controlFiles().containsKey(script)) {
                String[] a = args.toArray(String[]::new);
                run(List.of("/bin/sh", "-c", invocation(p, script, a)), p.name() + "'s " + script);
                progress.scriptDone(script, done.incrementAndGet(), (int) count);
            }
        });
    }

    /** Runs "postinst triggered NAMES" for each interested package (info name), one after the other. */
    void triggered(List<UnpackedPackage> installOrder, Map<String, Set<String>> fired) {
        if (fired.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder("set -e\n");
        for (UnpackedPackage p : installOrder) {
            Set<String> names = fired.get(p.infoName());
            if (names != null && p.controlFiles().containsKey("postinst")) {
                // trigger names are paths or [A-Za-z0-9._+-/] words: safe inside single quotes
                script.append(invocation(p, "postinst", "triggered", "'" + String.join(" ", names) + "'"))
                        .append('\n');
            }
        }
        progress.phase("configuring", "triggers of " + String.join(", ", fired.keySet()));
        run(List.of("/bin/sh", "-c", script.toString()), "a trigger");
    }

    /**
     * One script call with the environment dpkg gives it (dpkg(1) ENVIRONMENT); names are shell-safe words. The
     * umask is dpkg's 022, not the caller's, so that what the script creates has the same mode whoever builds.
     */
    private static String invocation(UnpackedPackage p, String script, String... args) {
        return "umask 022; DPKG_MAINTSCRIPT_PACKAGE=" + p.name() + " DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT=1"
                + " DPKG_MAINTSCRIPT_ARCH=" + p.architecture() + " DPKG_MAINTSCRIPT_NAME=" + script
                + " DPKG_ADMINDIR=/var/lib/dpkg DPKG_ROOT= /var/lib/dpkg/info/" + p.infoName() + "." + script + " "
                + String.join(" ", args);
    }

    private void run(List<String> argv, String what) {
        Sandbox.ExecResult r = exec(argv, what);
        // Two scripts side by side that both open debconf's database: the second fails on its lock instead of
        // waiting. ScriptResources keeps the known users apart; for any other, run it again once the holder is
        // done, as dpkg reruns a failed script (Policy 6.2 requires them to be idempotent).
        for (int attempt = 1; !r.ok() && heldDebconfLock(r) && attempt <= LOCK_RETRIES; attempt++) {
            sleep(Duration.ofSeconds(attempt));
            r = exec(argv, what);
        }
        if (!r.ok() && ExitCleanup.shuttingDown()) {
            throw new UserError("Interrupted while running " + what + "; the partial root is deleted.");
        }
        if (!r.ok()) {
            throw new UserError(what + " failed with status " + r.exitCode() + " inside " + root + ". Its last "
                    + "output:\n  "
                    + String.join(
                            "\n  ",
                            r.tail()
                                    .subList(
                                            Math.max(0, r.tail().size() - FAILURE_LINES),
                                            r.tail().size()))
                    + "\nThis usually means a package needs something "
                    + "the set lacks; try --include, or report it with the output above.");
        }
    }

    private static final int LOCK_RETRIES = 10;

    /** How much of a failed script's output its error message shows (the log holds all of it). */
    private static final int FAILURE_LINES = 20;

    private static boolean heldDebconfLock(Sandbox.ExecResult r) {
        return r.tail().stream().anyMatch(l -> l.contains("debconf") && l.contains("is locked by another process"));
    }

    private Sandbox.ExecResult exec(List<String> argv, String what) {
        try {
            return sandbox.exec(root, argv, env, progress::output);
        } catch (IOException e) {
            throw new UserError("Could not start " + what + " in " + root + ": " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while running " + what + "; the partial root is deleted.");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while running maintainer scripts; the partial root is deleted.");
        }
    }

    /** Keeps daemons from starting during the build (policy-rc.d(8) exit 101: action forbidden). */
    private static final String POLICY_RC_D = "usr/sbin/policy-rc.d";

    static void installPolicyRcD(Path root) throws IOException {
        new ConfinedRoot(root).write(POLICY_RC_D, "#!/bin/sh\nexit 101\n".getBytes(StandardCharsets.UTF_8), 0755);
    }

    /** Deletes policy-rc.d, found anew inside the root: the scripts may have replaced its directory by a symlink. */
    static void removePolicyRcD(Path root) throws IOException {
        Files.deleteIfExists(new ConfinedRoot(root).locate(POLICY_RC_D));
    }
}
