package io.crossroot.pkgbuild;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsRequest;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pristine build roots (the buildd variant plus a build's dependencies and the build user), kept in the cache
 * keyed by suite, architecture, package set and the Packages index they were resolved from: the second build of
 * the same source skips resolving, downloading and configuring under emulation and only copies the root.
 * Concurrent builds wanting the same root wait for one another (a file lock), never build it twice.
 */
public final class BuildRootCache {
    private static final String READY = "ready";
    /** File locks guard against other processes; within this one, threads of a batch queue here. */
    private static final ConcurrentHashMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final DebianRepository repo;
    private final RootfsBuilder builder;

    public BuildRootCache(Path dir, DebianRepository repo, RootfsBuilder builder) {
        this.dir = dir;
        this.repo = repo;
        this.builder = builder;
    }

    /** Where working copies go: beside the pristine roots, so cp --reflink can share their blocks. */
    public Path workDir() {
        return dir.resolve("work");
    }

    /** The pristine root for {@code debianArch} with {@code include} installed; built when missing. */
    public Path pristine(String debianArch, List<String> include) {
        Path entry = dir.resolve(key(debianArch, include));
        Path root = entry.resolve("root");
        ReentrantLock threadLock = THREAD_LOCKS.computeIfAbsent(entry.toAbsolutePath(), k -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(entry);
            try (FileChannel ch = FileChannel.open(
                            entry.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                if (Files.exists(entry.resolve(READY))) {
                    openTopDirectory(root);
                    return root;
                }
                Trees.delete(root); // a build that died half-way
                builder.build(new RootfsRequest(debianArch, Variant.BUILDD, include, root));
                openTopDirectory(root);
                BuildUser.create(root);
                Files.writeString(entry.resolve("packages"), String.join("\n", include) + "\n");
                Files.writeString(entry.resolve(READY), "");
                return root;
            }
        } catch (IOException e) {
            throw DiskErrors.map(e, "preparing the build root " + root);
        } finally {
            threadLock.unlock();
        }
    }

    /**
     * RootfsBuilder's output directory keeps its temporary directory's mode 0700, which locks every unprivileged
     * user out of the whole root; a root's "/" must be 0755.
     */
    private static void openTopDirectory(Path root) throws IOException {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String key(String debianArch, List<String> include) {
        String packagesIndex = repo.release()
                .file("main/binary-" + debianArch + "/Packages.xz")
                .map(HashedFile::sha256)
                .orElseGet(() -> repo.release().date().toString());
        String text = String.join(
                "\n",
                repo.config().suite(),
                debianArch,
                Variant.BUILDD.displayName(),
                packagesIndex,
                String.join(",", new TreeSet<>(include)),
                BuildUser.NAME);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return repo.config().suite() + "-" + debianArch + "-"
                    + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty working directory for one build (beside the pristine roots), to be deleted after it. */
    public Path newWorkDir(String label) {
        try {
            Files.createDirectories(workDir());
            return Files.createTempDirectory(workDir(), label + "-");
        } catch (IOException e) {
            throw DiskErrors.map(e, "creating a build directory in " + workDir());
        }
    }

    /** Copies {@code pristine} to {@code work}/root (reflinked where the file system can) and returns that root. */
    public Path copy(Path pristine, Path work) {
        Path root = work.resolve("root");
        try {
            Trees.copy(pristine, root);
            return root;
        } catch (IOException e) {
            throw DiskErrors.map(e, "copying the build root " + pristine);
        }
    }
}
