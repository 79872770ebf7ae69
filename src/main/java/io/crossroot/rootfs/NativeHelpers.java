package io.crossroot.rootfs;

import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * While the maintainer scripts run, tools whose output does not depend on the processor run natively: the host's
 * build of the very same package version, from the same suite, in place of the emulated program (the host-tool
 * acceleration Scratchbox 2 made common). Measured on a riscv64 kernel set: depmod over ~3000 modules takes 65 s
 * under qemu and 14 s natively, with byte-identical indexes; each mkinitramfs run starts cp ~700 times (one per
 * module), at ~65 ms per emulated start. Only sets that generate an initramfs get the helpers. A stand-in is a
 * script run by the host's static busybox, so starting it emulates nothing.
 *
 * <p>A stand-in is a script, not the program: a hook that copied it into an image would break that image. mkinitramfs
 * copies none of these names (it takes kmod, modprobe and the klibc tools), and {@link #requireNoCopies} proves it for
 * every built initramfs and the root before the programs are put back, byte for byte.
 */
final class NativeHelpers {
    /** A library the host program opens at run time (dlopen), which its package's Depends do not name. */
    record Library(String pkg, String path) {}

    /** {@code name}: the path in the root scripts run; {@code hostProgram}: the file in the host tree. */
    record Program(String pkg, String name, String hostProgram, List<Library> loaded) {
        Program {
            loaded = List.copyOf(loaded);
        }

        /** A program at the same path in both trees, opening nothing beyond its Depends. */
        static Program same(String pkg, String path) {
            return new Program(pkg, path, path, List.of());
        }
    }

    /**
     * The programs replaced, with what mkinitramfs starts most often first. kmod 34 reads compressed modules through
     * libraries it opens itself: without them it would write empty indexes, so they are fetched, and required.
     */
    static final List<Program> PROGRAMS = List.of(
            new Program(
                    "kmod",
                    "usr/sbin/depmod",
                    "usr/bin/kmod",
                    List.of(
                            new Library("liblzma5", "usr/lib/x86_64-linux-gnu/liblzma.so.5"),
                            new Library("libzstd1", "usr/lib/x86_64-linux-gnu/libzstd.so.1"),
                            new Library("zlib1g", "usr/lib/x86_64-linux-gnu/libz.so.1"))),
            Program.same("coreutils", "usr/bin/cp"),
            Program.same("sed", "usr/bin/sed"),
            Program.same("coreutils", "usr/bin/realpath"),
            Program.same("coreutils", "usr/bin/readlink"),
            Program.same("coreutils", "usr/bin/mkdir"),
            Program.same("coreutils", "usr/bin/basename"),
            Program.same("coreutils", "usr/bin/dirname"));
    /** A set that generates an initramfs: what makes the helpers worth their set-up. */
    static final String INITRAMFS_PACKAGE = "initramfs-tools";
    /** The host's static busybox runs the stand-in scripts, so no emulated shell starts for them. */
    static final String SHELL_PACKAGE = "busybox-static";

    private static final String SHELL = "usr/bin/busybox";
    /** Where the host tree is copied inside the root while the scripts run. */
    static final String DIR = NativeTwins.DIR;
    /** A line every stand-in carries, and no real file does. */
    static final String MARKER = "# crossroot: while bootstrapping, ";

    private final Path root;
    private final List<String> replaced;

    private NativeHelpers(Path root, List<String> replaced) {
        this.root = root;
        this.replaced = List.copyOf(replaced);
    }

    /** Nothing replaced. */
    static NativeHelpers none(Path root) {
        return new NativeHelpers(root, List.of());
    }

    /**
     * Puts the helpers in place when the set generates an initramfs. {@code hostBuilds} unpacks the host's build of
     * the packages asked for (empty when it cannot); a package whose host version differs stays emulated.
     */
    static NativeHelpers install(
            Path root,
            List<UnpackedPackage> unpacked,
            Function<List<String>, Optional<Toolbox>> hostBuilds,
            RootfsProgress progress)
            throws IOException {
        Map<String, String> targetVersions = new LinkedHashMap<>();
        unpacked.forEach(p -> targetVersions.put(p.name(), p.control().get("Version")));
        if (!targetVersions.containsKey(INITRAMFS_PACKAGE)) {
            return none(root);
        }
        Set<String> wanted = new LinkedHashSet<>(); // the packages, and the libraries they open at run time
        PROGRAMS.stream().filter(p -> targetVersions.containsKey(p.pkg())).forEach(p -> {
            wanted.add(p.pkg());
            p.loaded().forEach(l -> wanted.add(l.pkg()));
        });
        if (wanted.isEmpty()) {
            return none(root);
        }
        wanted.add(SHELL_PACKAGE);
        Optional<Toolbox> host = hostBuilds.apply(List.copyOf(wanted));
        if (host.isEmpty()) {
            return none(root);
        }
        return install(root, targetVersions, host.get(), PROGRAMS, progress);
    }

    /** Replaces each of {@code programs} whose package has the same version in {@code root} and {@code host}. */
    static NativeHelpers install(
            Path root,
            Map<String, String> targetVersions,
            Toolbox host,
            List<Program> programs,
            RootfsProgress progress)
            throws IOException {
        ConfinedRoot tree = new ConfinedRoot(root);
        List<Program> chosen = new ArrayList<>();
        Set<String> emulated = new LinkedHashSet<>();
        for (Program program : programs) {
            String version = targetVersions.get(program.pkg());
            if (version == null) {
                continue;
            }
            boolean present = Files.exists(tree.locate(program.name()), LinkOption.NOFOLLOW_LINKS)
                    && host.find(program.hostProgram()).isPresent()
                    && program.loaded().stream()
                            .allMatch(l -> host.find(l.path()).isPresent());
            Optional<String> mismatch =
                    NativeTwins.versionMismatch(targetVersions, host.versions(), List.of(program.pkg()));
            if (mismatch.isEmpty() && present) {
                chosen.add(program);
            } else if (emulated.add(program.pkg())) {
                progress.phase(
                        "configuring",
                        program.pkg() + " runs emulated: "
                                + mismatch.orElse("the host's build lacks " + program.hostProgram()));
            }
        }
        if (chosen.isEmpty()) {
            return none(root);
        }
        Path hostTree = tree.locate(DIR);
        Trees.delete(hostTree); // not a package's: a symlink planted there must not take the copy elsewhere
        Trees.copy(host.root(), hostTree);
        String shell = host.find(SHELL).isPresent() ? "/" + DIR + "/" + SHELL + " sh" : "/bin/sh";
        List<String> replaced = new ArrayList<>();
        try {
            for (Program program : chosen) {
                Path wrapper = tree.locate(program.name());
                Files.move(wrapper, aside(wrapper));
                replaced.add(program.name());
                ConfinedRoot.writeNoFollow(
                        wrapper,
                        wrapper(program, targetVersions.get(program.pkg()), shell, host)
                                .getBytes(StandardCharsets.UTF_8),
                        0755);
            }
        } catch (IOException | RuntimeException e) {
            new NativeHelpers(root, replaced).remove();
            throw e;
        }
        progress.phase(
                "configuring",
                "natively, as the host's build of the same version: "
                        + String.join(
                                ", ",
                                chosen.stream()
                                        .map(p ->
                                                Path.of(p.name()).getFileName().toString())
                                        .toList()));
        return new NativeHelpers(root, replaced);
    }

    /** The script that stands in for a program: the host loader runs the host build, under the name called. */
    static String wrapper(Program program, String version, String shell, Toolbox host) {
        return "#!" + shell + "\n"
                + MARKER + "the host's build of " + program.pkg() + " " + version + " runs natively\n"
                + "exec " + String.join(" ", host.launcher("/" + DIR)) + " --argv0 \"$0\" /" + DIR + "/"
                + program.hostProgram() + " \"$@\"\n";
    }

    private static Path aside(Path program) {
        return program.resolveSibling("." + program.getFileName() + ".crossroot-emulated");
    }

    /**
     * Fails when a stand-in was copied where it would outlive the configure step: into an initramfs under /boot, or
     * anywhere else in the root. Nothing known does that; this proves it for each build.
     */
    void requireNoCopies(RootfsProgress progress) throws IOException {
        if (replaced.isEmpty()) {
            return;
        }
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        // found anew inside the root: the scripts that ran since may have replaced directories by symlinks
        ConfinedRoot tree = new ConfinedRoot(root);
        Path boot = tree.resolve("boot").orElse(null);
        if (boot != null && Files.isDirectory(boot, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> files = Files.list(boot)) {
                for (Path image : files.filter(f -> f.getFileName().toString().startsWith("initrd.img-"))
                        .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .sorted()
                        .toList()) {
                    boolean copied;
                    try {
                        copied = InitramfsScan.contains(image, marker);
                    } catch (IOException e) {
                        progress.phase("checking", e.getMessage() + " It was not checked for native stand-ins.");
                        continue;
                    }
                    if (copied) {
                        throw copied(image + " (an initramfs)");
                    }
                }
            }
        }
        Set<Path> wrappers = new LinkedHashSet<>();
        for (String r : replaced) {
            wrappers.add(tree.locate(r));
        }
        Set<Long> sizes = new LinkedHashSet<>();
        for (Path w : wrappers) {
            sizes.add(Files.readAttributes(w, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size());
        }
        Path hostTree = tree.locate(DIR);
        // a copy has a stand-in's exact size: only those files are read
        try (Stream<Path> candidates = Files.find(
                root, Integer.MAX_VALUE, (f, attrs) -> attrs.isRegularFile() && sizes.contains(attrs.size()))) {
            Optional<Path> copy = candidates
                    .filter(f -> !f.startsWith(hostTree) && !wrappers.contains(f))
                    .filter(NativeHelpers::isStandIn)
                    .findFirst();
            if (copy.isPresent()) {
                throw copied(copy.get().toString());
            }
        }
    }

    private static boolean isStandIn(Path f) {
        try {
            return Files.readString(f, StandardCharsets.ISO_8859_1).contains(MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    private static UserError copied(String where) {
        return new UserError("A maintainer script or initramfs hook copied one of crossroot's native stand-ins "
                + "(scripts that run the host's build of depmod, cp, sed and a few more while the root is configured) "
                + "into " + where
                + ", where it would not work on the target. Build this root again with 'crossroot rootfs "
                + "--emulate-all', which runs every program emulated, and report the package that copied it.");
    }

    /** Puts every emulated program back, byte for byte, and deletes the host tree. */
    void remove() throws IOException {
        ConfinedRoot tree = new ConfinedRoot(root);
        for (String program : replaced) {
            Path p = tree.locate(program);
            Files.deleteIfExists(p);
            Files.move(aside(p), p);
        }
        Trees.delete(tree.locate(DIR));
    }

    List<String> replaced() {
        return replaced;
    }
}
