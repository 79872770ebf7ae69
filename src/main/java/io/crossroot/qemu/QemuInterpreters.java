package io.crossroot.qemu;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.Version;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debian's static qemu-user interpreters, fetched from the mirror for the host's architecture and extracted
 * into crossroot's cache. Bookworm ships them in qemu-user-static as qemu-TARGET-static; trixie and later in
 * qemu-user as qemu-TARGET (qemu-user-static is only a transitional package there).
 */
public final class QemuInterpreters {
    private static final List<String> CANDIDATE_PACKAGES = List.of("qemu-user-static", "qemu-user");

    private final DebianRepository repo;
    private final Path cacheDir;
    private final DownloadListener listener;

    public QemuInterpreters(DebianRepository repo, Path cacheDir, DownloadListener listener) {
        this.repo = repo;
        this.cacheDir = cacheDir.resolve("qemu");
        this.listener = listener;
    }

    /** The chosen package and the interpreter path for each requested architecture. */
    public record Interpreters(String packageName, String version, String sha256, Map<Arch, Path> paths) {
        public Path pathFor(Arch arch) {
            Path p = paths.get(arch);
            if (p == null) {
                throw new IllegalArgumentException("no interpreter fetched for " + arch);
            }
            return p;
        }
    }

    public Interpreters fetch(List<Arch> archs) {
        return fetch(archs, choose());
    }

    /** The package (a Packages stanza) {@link #fetch(List)} takes the interpreters from: a lockfile pins it. */
    public Paragraph choose() {
        return choosePackage(ArchCatalog.host());
    }

    /** The interpreters from {@code pkg}, a stanza with Package, Version, Filename, Size and SHA256 (a locked one). */
    public Interpreters fetch(List<Arch> archs, Paragraph pkg) {
        Path deb = repo.fetch(HashedFile.ofPackage(pkg), listener);
        String sha = pkg.get("SHA256");
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Arch a : archs) {
            String name = "qemu-" + a.qemu();
            wanted.put("usr/bin/" + name + "-static", name);
            wanted.put("usr/bin/" + name, name);
        }
        Map<String, Path> found = StaticBinaries.extract(deb, sha, wanted, cacheDir);
        Map<Arch, Path> paths = new LinkedHashMap<>();
        for (Arch a : archs) {
            Path p = found.get("qemu-" + a.qemu());
            if (p == null) {
                throw new UserError(pkg.get("Package") + " " + pkg.get("Version") + " from "
                        + repo.config().suite() + " has no qemu-" + a.qemu() + " interpreter for " + a.debian()
                        + ". This qemu release may not support it; try another suite with --qemu-suite.");
            }
            paths.put(a, p);
        }
        return new Interpreters(pkg.get("Package"), pkg.get("Version"), sha, paths);
    }

    private Paragraph choosePackage(Arch host) {
        Map<String, Paragraph> byName = new LinkedHashMap<>();
        repo.forEachPackage(List.of("main"), host.debian(), p -> {
            String name = p.get("Package");
            if (CANDIDATE_PACKAGES.contains(name)) {
                byName.merge(name, p, (a, b) -> newer(a, b));
            }
        });
        for (String name : CANDIDATE_PACKAGES) {
            Paragraph p = byName.get(name);
            if (p != null && !isTransitional(p)) {
                return p;
            }
        }
        throw new UserError(
                "Suite " + repo.config().suite() + " of " + repo.config().mirror() + " has no package with "
                        + "static qemu interpreters for " + host.debian() + " (looked for "
                        + CANDIDATE_PACKAGES.stream().collect(Collectors.joining(", "))
                        + "). Use --qemu-suite trixie or bookworm.");
    }

    private static Paragraph newer(Paragraph a, Paragraph b) {
        return Version.parse(a.get("Version")).compareTo(Version.parse(b.get("Version"))) >= 0 ? a : b;
    }

    /** A transitional package carries no interpreters of its own, only a dependency on the real one. */
    static boolean isTransitional(Paragraph p) {
        String description = p.getOrDefault("Description", "").toLowerCase(Locale.ROOT);
        long installedKb = Long.parseLong(p.getOrDefault("Installed-Size", "0").strip());
        return description.contains("transitional") || installedKb < 1024;
    }
}
