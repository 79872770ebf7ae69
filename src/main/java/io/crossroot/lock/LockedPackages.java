package io.crossroot.lock;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.Digests;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashMismatchError;
import io.crossroot.debian.MirrorFileNotFoundError;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A lockfile's packages fetched and checked before anything is built: every .deb of the sets a command needs is
 * downloaded by its pool path from the lock's mirror (or found in the cache) and must have the locked size and
 * SHA256, and its own control data (no Packages index is read) must name the locked package. Every package that
 * fails is named in one error, so a locked build either has all its files or creates nothing.
 */
public final class LockedPackages {
    private final Lockfile lock;
    private final Map<LockedSet.Role, DebianRepository> repositories;
    private final Map<String, List<BinaryPackage>> sets; // "role arch" -> packages

    private LockedPackages(
            Lockfile lock, Map<LockedSet.Role, DebianRepository> repositories, Map<String, List<BinaryPackage>> sets) {
        this.lock = lock;
        this.repositories = repositories;
        this.sets = sets;
    }

    /**
     * Fetches and checks the sets of {@code roles} (every architecture of the lock's request for rootfs; the host's
     * for the toolbox and qemu). {@code base} gives the cache, keyrings and download settings; the mirror and suite
     * are the lock's. Throws one {@link UserError} naming every package the mirror lacks or serves changed.
     */
    public static LockedPackages fetch(
            Lockfile lock, Path lockFile, DebianRepository base, Set<LockedSet.Role> roles, DownloadListener listener) {
        String host = io.crossroot.arch.ArchCatalog.host().debian();
        List<Lockfile.Located> wanted = new ArrayList<>();
        for (LockedSet.Role role : roles) {
            List<String> archs = role == LockedSet.Role.ROOTFS ? lock.request().archs() : List.of(host);
            for (String arch : archs) {
                wanted.add(lock.set(role, arch)
                        .orElseThrow(() -> new UserError("The lockfile " + lockFile + " has no " + role.key()
                                + " set for " + arch + ". Write it anew with --update-lock (or 'crossroot lock').")));
            }
        }
        Map<String, DebianRepository> opened = new HashMap<>();
        Map<LockedSet.Role, DebianRepository> repositories = new EnumMap<>(LockedSet.Role.class);
        List<Fetch> fetches = new ArrayList<>();
        for (Lockfile.Located l : wanted) {
            LockedRepository r = l.repository();
            DebianRepository repo = opened.computeIfAbsent(
                    r.mirror() + " " + r.suite(),
                    k -> DebianRepository.open(base.config().toBuilder()
                            .mirror(r.mirror())
                            .suite(r.suite())
                            .build()));
            repositories.putIfAbsent(l.set().role(), repo);
            l.set().packages().forEach(p -> fetches.add(new Fetch(l.set(), repo, p)));
        }
        List<Path> debs = fetchAll(fetches, lockFile, base.config().parallelism(), listener);
        Map<String, List<BinaryPackage>> sets = new LinkedHashMap<>();
        for (int i = 0; i < fetches.size(); i++) {
            Fetch f = fetches.get(i);
            sets.computeIfAbsent(key(f.set().role(), f.set().arch()), k -> new ArrayList<>())
                    .add(BinaryPackage.from(stanza(f.pkg(), debs.get(i))));
        }
        return new LockedPackages(lock, repositories, sets);
    }

    public Lockfile lock() {
        return lock;
    }

    /** The repository (the lock's mirror and suite) the sets of {@code role} come from. */
    public DebianRepository repository(LockedSet.Role role) {
        DebianRepository r = repositories.get(role);
        if (r == null) {
            throw new IllegalStateException("no " + role.key() + " set was fetched");
        }
        return r;
    }

    /** The locked root filesystem set for a target architecture, its stanzas read from the .debs. */
    public List<BinaryPackage> rootfs(String arch) {
        return set(LockedSet.Role.ROOTFS, arch);
    }

    /** The locked toolbox packages (the host's architecture and the guest firmware packages). */
    public List<BinaryPackage> toolbox() {
        return set(LockedSet.Role.TOOLBOX, io.crossroot.arch.ArchCatalog.host().debian());
    }

    /** The locked qemu-user package. */
    public BinaryPackage qemu() {
        return set(LockedSet.Role.QEMU, io.crossroot.arch.ArchCatalog.host().debian())
                .get(0);
    }

    private List<BinaryPackage> set(LockedSet.Role role, String arch) {
        List<BinaryPackage> s = sets.get(key(role, arch));
        if (s == null) {
            throw new IllegalStateException("no " + role.key() + " set for " + arch + " was fetched");
        }
        return Collections.unmodifiableList(s);
    }

    private static String key(LockedSet.Role role, String arch) {
        return role.key() + " " + arch;
    }

    private record Fetch(LockedSet set, DebianRepository repo, LockedPackage pkg) {}

    private static List<Path> fetchAll(List<Fetch> fetches, Path lockFile, int parallelism, DownloadListener listener) {
        if (fetches.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(parallelism, fetches.size()),
                Thread.ofPlatform().daemon().name("crossroot-locked-", 0).factory());
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (Fetch f : fetches) {
                futures.add(pool.submit(() -> fetchOne(f, listener)));
            }
            List<Path> out = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof LockedFileProblem p) {
                        failures.add(fetches.get(i).pkg().describe() + ": " + p.getMessage());
                        out.add(null);
                    } else if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    } else {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
            if (!failures.isEmpty()) {
                throw new UserError("The lockfile " + lockFile + " pins "
                        + (failures.size() == 1 ? "a package" : failures.size() + " packages")
                        + " the mirror no longer serves as locked, so nothing was built:\n  "
                        + String.join("\n  ", failures)
                        + "\nRe-resolve against the mirror as it is now with --update-lock (or 'crossroot lock'), or "
                        + "use a mirror that still has these files (a snapshot mirror, with --snapshot).");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Downloading was interrupted; nothing half-written was kept. Run again to resume.");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The verified .deb; a damaged cached copy is fetched again, as a rootfs build does. */
    private static Path fetchOne(Fetch f, DownloadListener listener) {
        try {
            Path deb = f.repo().fetch(f.pkg().file(), listener);
            if (!matches(deb, f.pkg())) {
                Files.deleteIfExists(deb);
                deb = f.repo().fetch(f.pkg().file(), listener);
                if (!matches(deb, f.pkg())) {
                    throw new UserError(
                            "The cached copy " + deb + " of " + f.pkg().filename() + " does not match "
                                    + "its SHA256 even after downloading it again. Check the disk holding the cache "
                                    + "(CROSSROOT_CACHE).");
                }
            }
            return deb;
        } catch (MirrorFileNotFoundError e) {
            throw new LockedFileProblem("the mirror does not have it (not found: " + e.url() + ")");
        } catch (HashMismatchError e) {
            throw new LockedFileProblem("the mirror's file is not the locked one (locked: "
                    + f.pkg().size() + " bytes, SHA256 " + f.pkg().sha256() + ")");
        } catch (IOException e) {
            throw new UserError("Cannot replace the damaged cached copy of "
                    + f.pkg().filename() + ": " + e.getMessage() + ". Delete it by hand and run again.");
        }
    }

    private static boolean matches(Path file, LockedPackage pkg) {
        try {
            return Files.size(file) == pkg.size()
                    && Digests.hexOf(file, Digests.sha256()).equals(pkg.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The stanza a Packages index would have: the .deb's own control paragraph plus the locked file's Filename, Size
     * and SHA256. A .deb whose control names another package than the lock says is refused.
     */
    static Paragraph stanza(LockedPackage pkg, Path deb) {
        Paragraph control = DebFile.of(deb).control();
        for (String[] field :
                List.of(new String[] {"Package", pkg.name()}, new String[] {"Version", pkg.version()}, new String[] {
                    "Architecture", pkg.architecture()
                })) {
            String actual = control.getOrDefault(field[0], "").strip();
            if (!actual.equals(field[1])) {
                throw new UserError("The locked file " + pkg.filename() + " is the package " + pkg.describe()
                        + " by its hash, but its control data says " + field[0] + ": " + actual + ". The lockfile "
                        + "was edited inconsistently; write it anew with --update-lock (or 'crossroot lock').");
            }
        }
        Paragraph.Builder b = Paragraph.builder(control.line());
        control.asMap().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Filename")
                    && !name.equalsIgnoreCase("Size")
                    && !name.equalsIgnoreCase("SHA256")) {
                b.put(name, value);
            }
        });
        return b.put("Filename", pkg.filename())
                .put("Size", Long.toString(pkg.size()))
                .put("SHA256", pkg.sha256())
                .build();
    }

    /** One package's fetch failure, collected so that all are reported together. */
    private static final class LockedFileProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LockedFileProblem(String message) {
            super(message, null, false, false);
        }
    }
}
