package io.crossroot.qemu;

import io.crossroot.arch.Arch;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.util.TarEntries;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real static programs of a target architecture, used to prove that its binfmt entry works: Debian's
 * busybox-static for that architecture, from the same verified mirror.
 */
public final class ProbeBinaries {
    private static final String PACKAGE = "busybox-static";

    private final DebianRepository repo;
    private final Path cacheDir;
    private final DownloadListener listener;

    public ProbeBinaries(DebianRepository repo, Path cacheDir, DownloadListener listener) {
        this.repo = repo;
        this.cacheDir = cacheDir.resolve("probes");
        this.listener = listener;
    }

    /** A static busybox for {@code arch}; run as "busybox uname -m". */
    public Path busybox(Arch arch) {
        List<Paragraph> found = new ArrayList<>();
        repo.forEachPackage(List.of("main"), arch.debian(), p -> {
            if (PACKAGE.equals(p.get("Package"))) {
                found.add(p);
            }
        });
        if (found.isEmpty()) {
            throw new UserError("Suite " + repo.config().suite() + " has no " + PACKAGE + " for " + arch.debian()
                    + ", so there is no probe program for it. Pick a suite that builds " + arch.debian()
                    + " with --suite.");
        }
        Paragraph pkg = found.get(found.size() - 1);
        Path deb = repo.fetch(HashedFile.ofPackage(pkg), listener);
        String member = memberPath(deb);
        String name = "busybox-" + arch.debian();
        Path p = StaticBinaries.extract(deb, pkg.get("SHA256"), Map.of(member, name), cacheDir)
                .get(name);
        if (p == null) {
            throw new UserError(deb + " did not yield " + member + ".");
        }
        return p;
    }

    private static String memberPath(Path deb) {
        String[] found = new String[1];
        DebFile.of(deb).forEachDataEntry((entry, content) -> {
            String n = entry.getName().replaceFirst("^\\./", "");
            if (found[0] == null && TarEntries.isRegularFile(entry) && n.matches("(usr/)?s?bin/busybox")) {
                found[0] = n;
            }
        });
        if (found[0] == null) {
            throw new UserError(
                    deb.getFileName() + " has no bin/busybox; it is not the busybox-static package crossroot expects.");
        }
        return found[0];
    }
}
