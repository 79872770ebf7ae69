package io.crossroot.pkgbuild;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.rootfs.NativeTwins;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.PhaseTimer;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds one package for the target architecture in a fresh root: resolve the sources, copy a cached pristine
 * root (buildd + build-dependencies + build user), run the format's build as the build user inside it under emulation,
 * and collect the results and the full log into the output directory. The root is deleted afterwards, whatever
 * happened, unless the request keeps it; its mounts live in the sandbox's private namespace and never leak.
 */
public final class PackageBuilder {
    /** How many programs the build log's accounting names. */
    private static final int ACCOUNTED_PROGRAMS = 25;

    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final SourceResolver sources;
    private final BuildRootCache roots;
    private final Sandbox sandbox;
    private final Consumer<String> echo;
    /** The host's build of the packages asked for, for {@link BuildAcceleration}; empty when unavailable. */
    private final Function<List<String>, Optional<Toolbox>> hostBuilds;
    /** Where {@link Emulation#SYSTEM} builds run; null when this builder has none. */
    private final BuildMachine machine;

    /** @param echo receives every log line as it comes (e.g. for --verbose), besides the log file */
    public PackageBuilder(SourceResolver sources, BuildRootCache roots, Sandbox sandbox, Consumer<String> echo) {
        this(sources, roots, sandbox, echo, packages -> Optional.empty());
    }

    PackageBuilder(
            SourceResolver sources,
            BuildRootCache roots,
            Sandbox sandbox,
            Consumer<String> echo,
            Function<List<String>, Optional<Toolbox>> hostBuilds) {
        this(sources, roots, sandbox, echo, hostBuilds, null);
    }

    private PackageBuilder(
            SourceResolver sources,
            BuildRootCache roots,
            Sandbox sandbox,
            Consumer<String> echo,
            Function<List<String>, Optional<Toolbox>> hostBuilds,
            BuildMachine machine) {
        this.sources = sources;
        this.roots = roots;
        this.sandbox = sandbox;
        this.echo = echo;
        this.hostBuilds = hostBuilds;
        this.machine = machine;
    }

    /** This builder, with {@code machine} for the builds that ask for {@link Emulation#SYSTEM}. */
    public PackageBuilder withMachine(BuildMachine machine) {
        return new PackageBuilder(sources, roots, sandbox, echo, hostBuilds, machine);
    }

    /**
     * The usual wiring: sources from {@code repo}'s Sources index, roots built from its Packages index by
     * {@link RootfsBuilder} and cached under {@code cache}/pkgbuild.
     */
    public static PackageBuilder create(
            DebianRepository repo,
            Sandbox sandbox,
            DownloadListener downloads,
            RootfsProgress progress,
            Consumer<String> echo,
            Path cache) {
        Path base = cache.resolve("pkgbuild");
        BuildRootCache roots = new BuildRootCache(
                base.resolve("roots"),
                repo,
                new RootfsBuilder(repo, sandbox, downloads, progress).cachePolicy(RootfsBuilder.CachePolicy.OFF));
        SourceResolver sources = new SourceResolver(new ArchiveSources(repo, downloads), base.resolve("sources"));
        return new PackageBuilder(
                sources,
                roots,
                sandbox,
                echo,
                packages ->
                        NativeTwins.hostBuilds(repo, downloads, packages, why -> progress.phase("accelerating", why)));
    }

    @SuppressWarnings("try") // the build-root cleanup is only closed
    public PackageBuildResult build(PackageBuildRequest request) {
        PhaseTimer timer = new PhaseTimer();
        PackageFormatBuild format = sources.formatOf(request);
        timer.end("fetch");
        Path logPath = request.output()
                .resolve(ConfinedRoot.checkedFileName(
                        format.name() + "_" + fileVersion(format.version()) + "_" + request.debianArch() + ".build",
                        "The build log's name"));
        try (BuildLog log = openLog(logPath)) {
            log.section(format.name() + " " + format.version() + " for " + request.debianArch());
            log.line("build packages: " + String.join(", ", format.rootPackages()));
            Path pristine = pristineRoot(format, request);
            timer.end("deps");
            // the build root goes when the build ends, on Ctrl-C, or with the next build after a kill;
            // --keep-root keeps it
            try (WorkingRoot working = WorkingRoot.copy(roots, pristine, format.name(), request.keepRoot())) {
                Path root = working.root();
                Path home = BuildUser.home(root);
                format.stage(home);
                Trees.chown(home, BuildUser.UID, BuildUser.UID);
                BuildAcceleration accel = accelerate(root, request, log);
                timer.end("root");
                Outcome outcome;
                try {
                    outcome = run(root, format, request, log, accel);
                    List<ProcessAccounting.Program> programs = accel.accounting();
                    if (!programs.isEmpty()) {
                        log.section("where the processor time went (native twins and emulated programs)");
                        ProcessAccounting.summary(programs, ACCOUNTED_PROGRAMS).forEach(log::line);
                    }
                } finally {
                    accel.remove();
                }
                boolean ok = outcome.exitCode() == 0;
                timer.end("build");
                List<Path> artifacts = ok ? collect(home, format, request.output()) : List.of();
                if (ok && artifacts.isEmpty()) {
                    // a build that "succeeds" without a single artifact is broken (or crossroot looked in the wrong
                    // place)
                    log.line("the build exited 0 but left none of " + format.artifacts() + " in " + BuildUser.HOME);
                    ok = false;
                }
                timer.end("collect");
                Map<String, Duration> timings = timer.timingsWithTotal();
                log.section("timings: " + timings);
                log.close();
                if (log.writeFailure() != null) {
                    throw DiskErrors.map(log.writeFailure(), "writing the build log " + logPath);
                }
                if (!ok && log.sawNoSpace()) {
                    throw DiskErrors.noSpace("building " + format.name() + " (log: " + logPath + ")", null);
                }
                return new PackageBuildResult(
                        format.name(),
                        format.version(),
                        request.debianArch(),
                        ok,
                        artifacts,
                        logPath,
                        timings,
                        outcome.times(),
                        request.keepRoot() ? root : null,
                        log.tail());
            }
        } catch (IOException e) {
            throw DiskErrors.map(e, "building " + format.name());
        }
    }

    private Path pristineRoot(PackageFormatBuild format, PackageBuildRequest request) {
        List<String> packages = new ArrayList<>(format.rootPackages());
        if (inMachine(request)) {
            packages.addAll(machine.bootPackages(request.debianArch()));
        }
        try {
            return roots.pristine(request.debianArch(), packages);
        } catch (UserError e) {
            throw new UserError(
                    "Cannot set up the build root of " + format.name() + " " + format.version() + " for "
                            + request.debianArch() + " (build packages: " + String.join(", ", format.rootPackages())
                            + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Whether the build command runs in the virtual machine; refused when this builder has none. */
    private boolean inMachine(PackageBuildRequest request) {
        if (request.emulation() != Emulation.SYSTEM || isHost(request)) {
            return false;
        }
        if (machine == null) {
            throw new UserError("This command cannot build in a virtual machine (qemu-system); build under qemu-user.");
        }
        return true;
    }

    private static boolean isHost(PackageBuildRequest request) {
        return request.debianArch().equals(ArchCatalog.host().debian());
    }

    /** The native twins for this build, or none when it is not accelerated (then it says why). */
    private BuildAcceleration accelerate(Path root, PackageBuildRequest request, BuildLog log) throws IOException {
        if (isHost(request)) {
            return BuildAcceleration.none(root); // nothing is emulated
        }
        if (request.emulation() == Emulation.USER) {
            log.line("accel: off (--no-accel): every program runs emulated");
            return BuildAcceleration.none(root);
        }
        if (request.emulation() == Emulation.SYSTEM) {
            log.line("accel: off: the build runs in a qemu-system virtual machine booted from the build root");
            return BuildAcceleration.none(root);
        }
        if (!sandbox.name().equals("chroot") && !sandbox.name().equals("docker")) {
            log.line("accel: every program runs emulated: native twins need the chroot or Docker sandbox, not "
                    + sandbox.name());
            return BuildAcceleration.none(root);
        }
        return BuildAcceleration.install(root, hostBuilds, l -> log.line("accel: " + l));
    }

    private BuildLog openLog(Path path) {
        try {
            return new BuildLog(path, echo);
        } catch (IOException e) {
            throw DiskErrors.map(e, "creating the build log " + path);
        }
    }

    /** Exit code and times of the timed build command; no times when the preparation already failed. */
    private record Outcome(int exitCode, CpuTimes times) {}

    private Outcome run(
            Path root, PackageFormatBuild format, PackageBuildRequest request, BuildLog log, BuildAcceleration accel)
            throws IOException {
        Map<String, String> env = env(format, request.jobs());
        if (!format.prepare().isEmpty()) {
            log.section("prepare: " + format.prepare());
            if (exec(root, format.prepare(), env, log, accel) != 0) {
                return new Outcome(1, null);
            }
        }
        String build = format.build(request.jobs());
        log.section("build: " + build + (inMachine(request) ? " (in a qemu-system virtual machine)" : ""));
        log.takeRecent();
        // `times` prints the children's rusage (user, system) once the build has ended, whatever its result
        String timed = "( " + build + " ); rc=$?; echo " + CpuTimes.MARKER + "; times; exit $rc";
        int rc;
        Duration wall;
        if (inMachine(request)) {
            BuildMachine.Run run = runInMachine(root, timed, env, format, log);
            rc = run.exitCode();
            wall = run.wall(); // the guest's own clock around the command: the boot is not the build's time
        } else {
            long t0 = System.nanoTime();
            rc = exec(root, timed, env, log, accel);
            wall = Duration.ofNanos(System.nanoTime() - t0);
        }
        log.line("exit status " + rc + " after " + wall.toSeconds() + " s");
        return new Outcome(rc, CpuTimes.parse(log.takeRecent(), wall).orElse(new CpuTimes(wall, null, null)));
    }

    private int exec(Path root, String script, Map<String, String> env, BuildLog log, BuildAcceleration accel)
            throws IOException {
        try {
            return sandbox.exec(root, accel.accounted(command(script)), env, log::line, accel.overlays())
                    .exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("The build was interrupted; its root is deleted and its log kept at " + log.path());
        }
    }

    private BuildMachine.Run runInMachine(
            Path root, String script, Map<String, String> env, PackageFormatBuild format, BuildLog log)
            throws IOException {
        try {
            return machine.run(root, command(script), env, BuildUser.HOME, format.artifacts(), log::line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("The build was interrupted; its root is deleted and its log kept at " + log.path());
        }
    }

    /** The build user's shell running {@code script} in its home. */
    private static List<String> command(String script) {
        List<String> argv = new ArrayList<>(BuildUser.dropPrivileges());
        argv.addAll(List.of("/bin/sh", "-c", "cd " + BuildUser.HOME + " && " + script));
        return argv;
    }

    private static Map<String, String> env(PackageFormatBuild format, int jobs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", BuildUser.HOME);
        env.put("USER", BuildUser.NAME);
        env.put("LOGNAME", BuildUser.NAME);
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        env.putAll(format.env(jobs));
        return env;
    }

    static List<Path> collect(Path home, PackageFormatBuild format, Path output) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.createDirectories(output);
        for (String glob : format.artifacts()) {
            Path dir = home.resolve(glob).getParent();
            String pattern = home.resolve(glob).getFileName().toString();
            for (Path d : expandDirs(home, dir)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(d, pattern)) {
                    for (Path f : s) {
                        // the build's own code made these: a symlink could name any host file
                        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                            throw new UserError("The build left " + BuildUser.HOME + "/" + home.relativize(f)
                                    + ", which matches the artifacts " + glob + " but is not a regular file (a "
                                    + "symlink or directory). crossroot copies only regular files out of the build "
                                    + "root; fix the package's build.");
                        }
                        Path target = output.resolve(f.getFileName().toString());
                        try (InputStream in = ConfinedRoot.openRegular(f)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        out.add(target);
                    }
                }
            }
        }
        return out;
    }

    /** The directories a glob's directory part names (a '*' component matches every subdirectory). */
    private static List<Path> expandDirs(Path home, Path dir) throws IOException {
        List<Path> out = new ArrayList<>(List.of(home));
        for (Path part : home.relativize(dir)) {
            if (part.toString().isEmpty()) {
                continue; // relativize(home, home) is the empty path: the artifacts lie in home itself
            }
            List<Path> next = new ArrayList<>();
            for (Path base : out) {
                if (part.toString().equals("*")) {
                    try (DirectoryStream<Path> s =
                            Files.newDirectoryStream(base, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
                        s.forEach(next::add);
                    }
                } else if (!part.toString().equals("..")
                        && Files.isDirectory(base.resolve(part), LinkOption.NOFOLLOW_LINKS)) {
                    next.add(base.resolve(part));
                }
            }
            out = next;
        }
        return out;
    }

    private static String fileVersion(String version) {
        return version.contains(":") ? version.substring(version.indexOf(':') + 1) : version;
    }
}
