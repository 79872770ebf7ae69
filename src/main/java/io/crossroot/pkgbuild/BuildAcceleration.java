package io.crossroot.pkgbuild;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import io.crossroot.rootfs.NativeTwins;
import io.crossroot.sandbox.RootOverlay;
import io.crossroot.toolbox.ToolError;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Native twins over an emulated build root, for one build: the host tree of {@link NativeTier}'s packages is copied
 * into the root at {@link NativeTwins#DIR}, the chosen programs there get that tree's loader and libraries written
 * into them (patchelf: interpreter and RPATH), and an overlay shows them over the root's /usr/bin while the build's
 * commands run. They are real amd64 programs at the root's own paths, so absolute paths, PATH lookups and {@code #!}
 * lines all reach them, argv[0] is kept, and what they start (a compiler, uname) runs emulated again through
 * binfmt_misc. The root's own files are never changed.
 */
final class BuildAcceleration {
    /** The host tree's loader, which the twins name as their interpreter. */
    private static final String LOADER = "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
    /** The host tree's library directories, written into the twins as RPATH (found before LD_LIBRARY_PATH). */
    private static final List<String> LIBRARY_DIRS =
            List.of("usr/lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu/libfakeroot");
    /** Inside the host tree: what is shown over the root's directories, at their paths. */
    private static final String OVERLAYS = NativeTwins.DIR + "/.crossroot-overlay";
    /** Inside the host tree: the host's loader linked under the names of the programs it starts. */
    private static final String LOADERS = NativeTwins.DIR + "/.crossroot-loaders";
    /** Inside the host tree: the directory shown over the root's usr/bin. */
    static final String OVERLAY = OVERLAYS + "/usr/bin";

    private static final String BIN = "usr/bin";
    private static final String STATUS = "var/lib/dpkg/status";
    private static final String PATCHELF = "patchelf";
    /** The host packages beyond the twins': the fakeroot library the twins load under fakeroot, and accton. */
    private static final List<String> SUPPORT = List.of(PATCHELF, "libfakeroot", "acct");
    /**
     * Packages every twin rests on when the root has them: the C library, and the fakeroot library the twins load
     * under fakeroot (it talks to the root's emulated faked; another version might not).
     */
    private static final List<String> SHARED = List.of("libc6", "libfakeroot");
    /** Turns the kernel's process accounting on for the build's PID namespace ({@link ProcessAccounting}). */
    private static final String ACCTON = "usr/sbin/accton";
    /** The accounting file, inside the host tree (only root writes it: the kernel, for the namespace). */
    private static final String ACCOUNTING = NativeTwins.DIR + "/.crossroot-accounting";

    /** Inside the host tree: the directory shown over the root's usr/lib while the native perl runs scripts. */
    static final String LIB_OVERLAY = OVERLAYS + "/usr/lib";
    /** The native perl's library directories (its @INC for the machine-specific parts), under usr/lib. */
    private static final List<String> PERL_LIBRARIES = List.of("perl-base", "perl", "perl5");

    private static final String PERL = "usr/bin/perl";
    /**
     * The line given to each script under the native perl after its {@code #!}: what it starts as {@code $^X}
     * (debhelper's Makefile.PL and Build.PL, for one) is the root's emulated perl, whose Config is the target's;
     * {@code # line 2} keeps the script's own line numbers in its messages.
     */
    private static final String ROOT_PERL_AS_X = "BEGIN { $^X = '/" + PERL + "' }\n# line 2";

    /** perl's Config module and its data files in a perl library directory, by their path below usr/lib/TRIPLET. */
    private static final Pattern PERL_CONFIG =
            Pattern.compile("/usr/lib/[^/]+/((?:perl-base|perl/[0-9.]+)/Config(?:\\.pm|_heavy\\.pl|_git\\.pl))");

    /** The dpkg file lists of the packages that ship perl's Config files (perl-base, libperl5.N). */
    private static final Pattern PERL_LISTS = Pattern.compile("(?:perl-base|libperl5\\.[0-9]+)(?::[a-z0-9]+)?\\.list");

    private static final Pattern PERL_SHEBANG = Pattern.compile("#! ?/usr/bin/perl(\\s[^\n]*)?");

    /** The host's shell, which runs the compilers' wrappers. */
    private static final String DASH = "usr/bin/dash";

    private final Path root;
    private final List<NativeTier.Twin> chosen;
    private final List<NativeTier.CompilerTwin> compilers;
    private final List<NativeTier.PluginTwin> plugins;
    private final boolean perl;
    /** The scripts given the native perl, by file name (filled in as they are placed). */
    private final List<String> perlScripts = new ArrayList<>();

    private BuildAcceleration(
            Path root,
            List<NativeTier.Twin> chosen,
            List<NativeTier.CompilerTwin> compilers,
            List<NativeTier.PluginTwin> plugins,
            boolean perl) {
        this.root = root;
        this.chosen = List.copyOf(chosen);
        this.compilers = List.copyOf(compilers);
        this.plugins = List.copyOf(plugins);
        this.perl = perl;
    }

    /** Nothing native: every program runs emulated. */
    static BuildAcceleration none(Path root) {
        return new BuildAcceleration(root, List.of(), List.of(), List.of(), false);
    }

    private boolean active() {
        return !chosen.isEmpty() || !compilers.isEmpty();
    }

    /**
     * Puts the twins in place in {@code root}. {@code hostBuilds} gives the host's build of the packages asked for
     * (empty when it cannot); every decision, a twin left emulated included, goes to {@code log}.
     */
    static BuildAcceleration install(
            Path root, Function<List<String>, Optional<Toolbox>> hostBuilds, Consumer<String> log) throws IOException {
        if (!RootOverlay.canName(root.toAbsolutePath().toString())) {
            log.accept("every program runs emulated: the build root's path " + root + " has a ',' or ':', which an "
                    + "overlay cannot name");
            return none(root);
        }
        if (!Files.isDirectory(root.resolve("usr"), LinkOption.NOFOLLOW_LINKS)
                || !Files.isDirectory(root.resolve(BIN), LinkOption.NOFOLLOW_LINKS)) {
            log.accept("every program runs emulated: the build root's /usr/bin is not a directory");
            return none(root);
        }
        Map<String, String> targetVersions = installedVersions(root);
        List<NativeTier.Twin> candidates = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (NativeTier.Twin twin : NativeTier.all(targetVersions.keySet())) {
            if (targetVersions.containsKey(twin.pkg())
                    && Files.isRegularFile(root.resolve(twin.path()), LinkOption.NOFOLLOW_LINKS)) {
                candidates.add(twin);
                wanted.addAll(twin.packages());
            }
        }
        if (candidates.isEmpty()) {
            return none(root);
        }
        List<NativeTier.CompilerTwin> compilerCandidates = NativeTier.compilers(targetVersions.keySet()).stream()
                .filter(c -> Files.isRegularFile(root.resolve(c.path()), LinkOption.NOFOLLOW_LINKS)
                        && plainDirectory(root, parent(c.path())))
                .toList();
        for (NativeTier.CompilerTwin compiler : compilerCandidates) {
            wanted.addAll(compiler.packages());
            wanted.add("dash");
        }
        List<NativeTier.PluginTwin> pluginCandidates = NativeTier.plugins(targetVersions.keySet()).stream()
                .filter(p -> Files.isRegularFile(root.resolve(p.path()), LinkOption.NOFOLLOW_LINKS)
                        && plainDirectory(root, parent(p.path())))
                .toList();
        List<NativeTier.Twin> bfdCandidates = NativeTier.bfdTwins(targetVersions.keySet()).stream()
                .filter(t -> Files.isRegularFile(root.resolve(t.path()), LinkOption.NOFOLLOW_LINKS))
                .toList();
        if (!pluginCandidates.isEmpty() && !bfdCandidates.isEmpty()) {
            pluginCandidates.forEach(p -> wanted.add(p.pkg()));
        }
        wanted.addAll(SUPPORT);
        List<String> perlPackages = targetVersions.keySet().stream()
                .filter(p -> NativeTier.PERL_PACKAGES.matcher(p).matches())
                .sorted()
                .toList();
        wanted.addAll(perlPackages);
        Optional<Toolbox> found = hostBuilds.apply(List.copyOf(wanted));
        if (found.isEmpty()) {
            return none(root);
        }
        Toolbox host = found.get();
        Optional<String> shared = NativeTwins.versionMismatch(
                targetVersions,
                host.versions(),
                SHARED.stream().filter(targetVersions::containsKey).toList());
        if (shared.isPresent()) {
            log.accept("every program runs emulated: " + shared.get());
            return none(root);
        }
        List<NativeTier.Twin> chosen = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (NativeTier.Twin twin : candidates) {
            Optional<String> mismatch = NativeTwins.versionMismatch(targetVersions, host.versions(), twin.packages());
            boolean present = host.find(twin.path())
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .isPresent();
            if (mismatch.isEmpty() && present) {
                chosen.add(twin);
            } else if (reported.add(twin.pkg())) {
                log.accept("emulated, not native: " + twin.pkg() + " ("
                        + mismatch.orElse("the host's build lacks /" + twin.path()) + ")");
            }
        }
        List<NativeTier.CompilerTwin> compilers = new ArrayList<>();
        for (NativeTier.CompilerTwin compiler : compilerCandidates) {
            Map<String, String> asBuilt = new LinkedHashMap<>(host.versions());
            asBuilt.computeIfPresent(compiler.pkg(), (pkg, version) -> NativeTier.sourceVersion(version));
            Optional<String> mismatch = NativeTwins.versionMismatch(targetVersions, asBuilt, compiler.packages());
            boolean present = Stream.of(compiler.hostPath(), DASH)
                    .allMatch(path -> host.find(path)
                            .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .isPresent());
            if (mismatch.isEmpty() && present) {
                compilers.add(compiler);
            } else {
                log.accept("emulated, not native: " + compiler.pkg() + " ("
                        + mismatch.orElse("the host's build lacks /" + compiler.hostPath() + " or /" + DASH) + ")");
            }
        }
        List<NativeTier.PluginTwin> plugins = new ArrayList<>();
        if (!pluginCandidates.isEmpty() && !bfdCandidates.isEmpty()) {
            Optional<String> missing = Optional.empty();
            for (NativeTier.PluginTwin plugin : pluginCandidates) {
                Map<String, String> asBuilt = new LinkedHashMap<>(host.versions());
                asBuilt.computeIfPresent(plugin.pkg(), (pkg, version) -> NativeTier.sourceVersion(version));
                Optional<String> mismatch = NativeTwins.versionMismatch(targetVersions, asBuilt, List.of(plugin.pkg()))
                        .or(() -> host.find(plugin.hostPath())
                                        .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                                        .isPresent()
                                ? Optional.empty()
                                : Optional.of("the host's build lacks /" + plugin.hostPath()));
                missing = missing.or(() -> mismatch);
                plugins.add(plugin);
            }
            if (missing.isPresent()) {
                plugins.clear();
                log.accept("emulated, not native: the linker and the binutils that load GCC's LTO plugin ("
                        + missing.get() + ")");
            } else {
                for (NativeTier.Twin twin : bfdCandidates) {
                    if (NativeTwins.versionMismatch(targetVersions, host.versions(), twin.packages())
                                    .isEmpty()
                            && host.find(twin.path())
                                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                                    .isPresent()) {
                        chosen.add(twin);
                    }
                }
            }
        }
        if (chosen.isEmpty() && compilers.isEmpty()) {
            return none(root);
        }
        Optional<String> perlMismatch = NativeTwins.versionMismatch(targetVersions, host.versions(), perlPackages);
        boolean perl = perlPackages.contains("perl-base")
                && perlMismatch.isEmpty()
                && host.find(PERL)
                        .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .isPresent();
        if (!perl && !perlPackages.isEmpty()) {
            log.accept("perl scripts run emulated: " + perlMismatch.orElse("the host's build lacks /" + PERL));
        }
        BuildAcceleration done = new BuildAcceleration(root, chosen, compilers, plugins, perl);
        try {
            done.place(host);
        } catch (IOException | RuntimeException e) {
            done.remove();
            throw e;
        }
        log.accept("native (the host's build of the same version): "
                + String.join(" ", chosen.stream().map(BuildAcceleration::name).toList()));
        for (NativeTier.CompilerTwin compiler : compilers) {
            log.accept("native (the host's cross build of the same source version): /" + compiler.path());
        }
        for (NativeTier.PluginTwin plugin : plugins) {
            log.accept("the host's cross build of the same source version, for the native linker: /" + plugin.path());
        }
        if (perl) {
            log.accept("under the native perl (the host's build of the same version): "
                    + String.join(" ", done.perlScripts));
        }
        log.accept("emulated whatever their package: "
                + String.join(
                        " ", NativeTier.EMULATED.keySet().stream().sorted().toList()));
        return done;
    }

    private void place(Toolbox host) throws IOException {
        Path tree = root.resolve(NativeTwins.DIR);
        Trees.delete(tree); // not a package's: whatever is there goes
        Trees.copy(host.root(), tree);
        // the toolbox's top directory is private to root on the host; the build user must reach the programs
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path overlay = root.resolve(OVERLAY);
        Trees.delete(overlay.getParent().getParent());
        Trees.delete(root.resolve(LOADERS)); // crossroot's own, like the overlays: nothing of the copy's is kept
        Files.createDirectories(overlay);
        List<String> args = new ArrayList<>(List.of(
                "--set-interpreter",
                "/" + NativeTwins.DIR + "/" + LOADER,
                "--force-rpath",
                "--set-rpath",
                String.join(
                        ":",
                        LIBRARY_DIRS.stream()
                                .map(d -> "/" + NativeTwins.DIR + "/" + d)
                                .toList())));
        Set<Path> programs = new LinkedHashSet<>();
        host.find(ACCTON).ifPresent(p -> programs.add(tree.resolve(ACCTON)));
        if (perl) {
            programs.add(ConfinedRoot.resolve(tree, PERL).orElseThrow());
        }
        for (NativeTier.Twin twin : chosen) {
            // found again in the copy, inside it: a link in the host tree must not lead out of it
            programs.add(ConfinedRoot.resolve(tree, twin.path()).orElseThrow().toRealPath());
        }
        if (!compilers.isEmpty()) {
            programs.add(ConfinedRoot.resolve(tree, DASH).orElseThrow().toRealPath());
        }
        for (Path p : programs) {
            args.add(p.toRealPath().toString());
        }
        try {
            host.run(PATCHELF, args, Map.of());
        } catch (ToolError e) {
            throw new IOException("patchelf could not point the native programs at their loader: " + e.getMessage(), e);
        }
        for (NativeTier.Twin twin : chosen) {
            Files.createLink(
                    overlay.resolve(name(twin)),
                    ConfinedRoot.resolve(tree, twin.path()).orElseThrow().toRealPath());
        }
        if (perl) {
            placePerl(tree, overlay);
        }
        for (NativeTier.CompilerTwin compiler : compilers) {
            placeCompiler(compiler);
        }
        for (NativeTier.PluginTwin plugin : plugins) {
            Path dir = Files.createDirectories(root.resolve(OVERLAYS).resolve(parent(plugin.path())));
            Files.createLink(
                    dir.resolve(Path.of(plugin.path()).getFileName().toString()),
                    ConfinedRoot.resolve(tree, plugin.hostPath()).orElseThrow().toRealPath());
        }
        if (Files.isRegularFile(tree.resolve(ACCTON), LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(
                    root.resolve(ACCOUNTING),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    /**
     * A script at the target cc1's place in its directory's overlay that starts the cross cc1 with the arguments
     * that point it at the target's gcc directories; the script, not a link, because those arguments must come
     * first. It starts cc1 through the host tree's loader rather than writing the loader into it, as cc1 is a large
     * non-PIE executable that patchelf cannot rewrite safely; the loader is started under cc1's name (a link), which
     * is the name the kernel's accounting records.
     */
    private void placeCompiler(NativeTier.CompilerTwin compiler) throws IOException {
        String name = Path.of(compiler.path()).getFileName().toString();
        Path dir = Files.createDirectories(root.resolve(OVERLAYS).resolve(parent(compiler.path())));
        String loader = LOADERS + "/" + parent(compiler.path()) + "/" + name;
        Files.createDirectories(root.resolve(loader).getParent());
        Files.createLink(
                root.resolve(loader),
                ConfinedRoot.resolve(root.resolve(NativeTwins.DIR), LOADER)
                        .orElseThrow()
                        .toRealPath());
        String prefix = "/" + NativeTwins.DIR + "/";
        StringBuilder script = new StringBuilder("#!" + prefix + DASH + "\nexec /" + loader + " --library-path "
                + prefix + LIBRARY_DIRS.get(0) + " " + prefix + compiler.hostPath());
        for (String argument : compiler.arguments()) {
            script.append(' ').append(argument);
        }
        script.append(" \"$@\"\n");
        ConfinedRoot.writeNoFollow(dir.resolve(name), script.toString().getBytes(StandardCharsets.UTF_8), 0755);
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    /** Whether {@code dir} and each directory above it in {@code root} is a directory, not a link. */
    private static boolean plainDirectory(Path root, String dir) {
        Path path = Path.of(dir);
        for (int i = 1; i <= path.getNameCount(); i++) {
            if (!Files.isDirectory(root.resolve(path.subpath(0, i).toString()), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code argv} (which starts as root inside the root) preceded by turning process accounting on, when the host
     * tree has accton; a failure to turn it on costs only the figures.
     */
    List<String> accounted(List<String> argv) {
        if (!Files.isRegularFile(root.resolve(ACCOUNTING), LinkOption.NOFOLLOW_LINKS)) {
            return argv;
        }
        List<String> out = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                "/" + NativeTwins.DIR + "/" + ACCTON + " /" + ACCOUNTING + " >/dev/null 2>&1; exec \"$@\"",
                "crossroot-accounting"));
        out.addAll(argv);
        return out;
    }

    /** Where the build's processor time went, by program; empty when it was not recorded. */
    List<ProcessAccounting.Program> accounting() throws IOException {
        Path file = root.resolve(ACCOUNTING);
        if (!active() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        return ProcessAccounting.read(file, nativeAliases());
    }

    /** The names the twins run under: their own, and those of the root's links in /usr/bin that lead to them. */
    Set<String> nativeAliases() throws IOException {
        Set<String> names = new LinkedHashSet<>(nativeNames());
        Path bin = root.resolve(BIN);
        ConfinedRoot confined = new ConfinedRoot(root);
        try (var entries = Files.list(bin)) {
            for (Path link : entries.filter(Files::isSymbolicLink).toList()) {
                String name = link.getFileName().toString();
                confined.resolve(BIN + "/" + name)
                        .filter(target -> target.getParent().equals(bin)
                                && names.contains(target.getFileName().toString()))
                        .ifPresent(target -> names.add(name));
            }
        }
        // the kernel keeps 15 bytes of a program's name
        return names.stream().map(n -> n.length() > 15 ? n.substring(0, 15) : n).collect(Collectors.toSet());
    }

    /**
     * The native perl's machine-specific library directories shown at the paths compiled into it (under
     * /usr/lib/x86_64-linux-gnu, which a riscv64 root does not have), and a copy of each script of
     * {@link NativeTier#PERL_SCRIPTS} whose only change is its {@code #!} line, naming the native perl.
     */
    private void placePerl(Path tree, Path binOverlay) throws IOException {
        Path libDir = Files.createDirectories(root.resolve(LIB_OVERLAY).resolve("x86_64-linux-gnu"));
        ConfinedRoot confined = new ConfinedRoot(root);
        Map<String, Path> targetConfig = targetPerlConfig(confined);
        for (String lib : PERL_LIBRARIES) {
            Path nativeLib = tree.resolve("usr/lib/x86_64-linux-gnu").resolve(lib);
            if (Files.isDirectory(nativeLib, LinkOption.NOFOLLOW_LINKS)) {
                mirror(
                        nativeLib,
                        libDir.resolve(lib),
                        "/" + NativeTwins.DIR + "/usr/lib/x86_64-linux-gnu/" + lib,
                        lib,
                        targetConfig);
            }
        }
        for (String pkg : NativeTier.PERL_SCRIPTS.keySet().stream().sorted().toList()) {
            Optional<Path> list = confined.resolve("var/lib/dpkg/info/" + pkg + ".list");
            if (list.isEmpty()) {
                continue;
            }
            for (String file : Files.readAllLines(list.get(), StandardCharsets.UTF_8)) {
                if (!file.startsWith("/usr/bin/") || file.indexOf('/', "/usr/bin/".length()) >= 0) {
                    continue;
                }
                Path script = root.resolve(file.substring(1));
                if (!Files.isRegularFile(script, LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(binOverlay.resolve(script.getFileName()), LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String text = new String(Files.readAllBytes(script), StandardCharsets.ISO_8859_1);
                int eol = text.indexOf('\n');
                Matcher shebang = PERL_SHEBANG.matcher(eol < 0 ? text : text.substring(0, eol));
                if (eol < 0
                        || !shebang.matches()
                        || NativeTier.READS_CONFIG.matcher(text).find()) {
                    continue;
                }
                String args = shebang.group(1) == null ? "" : shebang.group(1);
                ConfinedRoot.writeNoFollow(
                        binOverlay.resolve(script.getFileName()),
                        ("#!/" + NativeTwins.DIR + "/" + PERL + args + "\n" + ROOT_PERL_AS_X + text.substring(eol))
                                .getBytes(StandardCharsets.ISO_8859_1),
                        0755);
                perlScripts.add(script.getFileName().toString());
            }
        }
    }

    /** perl's Config files in the root's perl-base and libperl, by path under usr/lib/TRIPLET ("perl-base/Config.pm"). */
    private static Map<String, Path> targetPerlConfig(ConfinedRoot confined) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        List<Path> lists;
        try (Stream<Path> info =
                Files.list(confined.resolve("var/lib/dpkg/info").orElseThrow())) {
            lists = info.filter(
                            f -> PERL_LISTS.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
        for (Path list : lists) {
            String text;
            try (InputStream in = ConfinedRoot.openRegular(list)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String file : text.lines().toList()) {
                Matcher m = PERL_CONFIG.matcher(file);
                if (m.matches()) {
                    Optional<Path> f = confined.resolve(file);
                    if (f.isPresent() && Files.isRegularFile(f.get(), LinkOption.NOFOLLOW_LINKS)) {
                        out.put(m.group(1), f.get());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Shows the native perl's library directory {@code dir} at {@code out}: every entry a link to the native one
     * ({@code shownAt}), but the target's Config files in place of the host's, so whatever the scripts ask of
     * perl's Config (debhelper's Makefile.PL arguments do) is answered as the emulated perl would.
     */
    private static void mirror(Path dir, Path out, String shownAt, String rel, Map<String, Path> targetConfig)
            throws IOException {
        if (targetConfig.keySet().stream().noneMatch(k -> k.startsWith(rel + "/"))) {
            Files.createSymbolicLink(out, Path.of(shownAt));
            return;
        }
        Files.createDirectory(out);
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path e : entries.sorted().toList()) {
                String name = e.getFileName().toString();
                String path = rel + "/" + name;
                if (targetConfig.containsKey(path)) {
                    try (InputStream in = ConfinedRoot.openRegular(targetConfig.get(path))) {
                        Files.copy(in, out.resolve(name));
                    }
                } else if (Files.isSymbolicLink(e)) {
                    Files.createSymbolicLink(out.resolve(name), Files.readSymbolicLink(e)); // perl/5.40 -> 5.40.1
                } else if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                    mirror(e, out.resolve(name), shownAt + "/" + name, path, targetConfig);
                } else {
                    Files.createSymbolicLink(out.resolve(name), Path.of(shownAt + "/" + name));
                }
            }
        }
    }

    private static String name(NativeTier.Twin twin) {
        return Path.of(twin.path()).getFileName().toString();
    }

    /** Package name to version of what dpkg's database in {@code root} has installed. */
    static Map<String, String> installedVersions(Path root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<Path> status = ConfinedRoot.resolve(root, STATUS);
        if (status.isEmpty()) {
            return out;
        }
        try (InputStream in = ConfinedRoot.openRegular(status.get())) {
            for (Paragraph p : Deb822.of(in, root + "/" + STATUS)) {
                if (p.getOrDefault("Status", "").endsWith(" installed") && p.has("Version")) {
                    out.put(p.get("Package"), p.get("Version"));
                }
            }
        }
        return out;
    }

    /** The overlays the build's commands run with. */
    List<RootOverlay> overlays() {
        List<RootOverlay> out = new ArrayList<>();
        if (!chosen.isEmpty()) {
            out.add(new RootOverlay(BIN, OVERLAY));
        }
        if (!chosen.isEmpty() && perl) {
            out.add(new RootOverlay("usr/lib", LIB_OVERLAY));
        }
        Set<String> dirs = new LinkedHashSet<>();
        compilers.forEach(c -> dirs.add(parent(c.path())));
        plugins.forEach(p -> dirs.add(parent(p.path())));
        for (String dir : dirs) {
            out.add(new RootOverlay(dir, OVERLAYS + "/" + dir));
        }
        return List.copyOf(out);
    }

    /** The programs that run natively, by file name. */
    List<String> nativeNames() {
        List<String> out =
                new ArrayList<>(chosen.stream().map(BuildAcceleration::name).toList());
        out.addAll(perlScripts);
        compilers.forEach(c -> out.add(Path.of(c.path()).getFileName().toString()));
        return out;
    }

    /** Deletes the host tree from the root (the root's own files were never touched). */
    void remove() throws IOException {
        if (active()) {
            Trees.delete(root.resolve(NativeTwins.DIR));
        }
    }
}
