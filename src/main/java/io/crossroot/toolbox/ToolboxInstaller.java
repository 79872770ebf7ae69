package io.crossroot.toolbox;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.deb.DebUnpacker;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.debian.resolve.Resolver;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds (once) and finds the toolbox: resolves the tool packages and their dependencies over the mirror's amd64
 * index, downloads them verified, and unpacks them into {@code CACHE/toolbox/KEY}, KEY being the hash of the
 * resolved set's .deb hashes, and pins it ({@link ToolboxPin}). A new package version on the mirror gives a new key,
 * so a toolbox never changes under a running build; concurrent runs race harmlessly (the loser's tree is deleted).
 */
public final class ToolboxInstaller {
    private static final String HOST_ARCH = "amd64";

    private final Supplier<DebianRepository> mirror;
    private final String suite;
    private final Path cacheDir;
    private final DownloadListener listener;

    public ToolboxInstaller(DebianRepository repo, Path cacheDir, DownloadListener listener) {
        this(() -> repo, repo.config().suite(), cacheDir, listener);
    }

    /** {@code mirror} is opened only when no pin serves the request: a pinned lookup reads two small files. */
    public ToolboxInstaller(Supplier<DebianRepository> mirror, String suite, Path cacheDir, DownloadListener listener) {
        this.mirror = mirror;
        this.suite = suite;
        this.cacheDir = cacheDir.resolve("toolbox");
        this.listener = listener;
    }

    /**
     * The toolbox for {@code packages} (amd64, with their dependencies) plus {@code guestFiles} (other
     * architectures' packages unpacked alone for their firmware and bootloaders). A pinned toolbox is reused
     * without touching the network unless {@code refresh}.
     */
    public Toolbox install(List<String> packages, Map<String, List<String>> guestFiles, boolean refresh) {
        Path pinFile = ToolboxPin.file(cacheDir, suite, packages + " " + new TreeMap<>(guestFiles));
        if (!refresh) {
            Optional<ToolboxPin> pin =
                    ToolboxPin.read(pinFile).filter(p -> Files.isDirectory(cacheDir.resolve(p.key())));
            if (pin.isPresent()) {
                return new Toolbox(cacheDir.resolve(pin.get().key()), pin.get().versions());
            }
        }
        List<BinaryPackage> resolved;
        String key;
        Path dir;
        try {
            DebianRepository repo = mirror.get();
            resolved = resolve(repo, packages, guestFiles);
            key = key(resolved);
            dir = cacheDir.resolve(key);
            if (!Files.isDirectory(dir)) {
                unpack(repo, resolved, dir);
            }
        } catch (UserError e) {
            throw new UserError(fetchFailed(packages, e.getMessage()), e);
        }
        ToolboxPin pin = ToolboxPin.of(suite, key, resolved);
        pin.write(pinFile);
        return new Toolbox(dir, pin.versions());
    }

    /** Says what the toolbox is for, then what went wrong: a fresh machine meets this before any tool runs. */
    private String fetchFailed(List<String> packages, String cause) {
        List<String> programs = ToolboxPackages.PROGRAMS.entrySet().stream()
                .filter(e -> packages.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        return "crossroot runs " + (programs.isEmpty() ? "tools" : String.join(", ", programs)) + " from its own "
                + "toolbox, Debian's amd64 packages " + String.join(", ", packages) + " (" + suite + ") fetched once "
                + "from the mirror and then pinned in " + cacheDir + "; fetching them failed: " + cause;
    }

    /**
     * The toolbox unpacked from exactly {@code packages} (a lockfile's, already fetched and verified), without
     * resolving or writing a pin; the same set as a resolved one shares its tree.
     */
    public Toolbox installLocked(List<BinaryPackage> packages) {
        String key = key(packages);
        Path dir = cacheDir.resolve(key);
        if (!Files.isDirectory(dir)) {
            unpack(mirror.get(), packages, dir);
        }
        return new Toolbox(dir, ToolboxPin.of(suite, key, packages).versions());
    }

    /** What {@link #install(boolean)} resolves over {@code repo} (the default tools and guest firmware): a lockfile pins it. */
    public static List<BinaryPackage> resolveDefault(DebianRepository repo) {
        return resolve(repo, ToolboxPackages.DEFAULT, ToolboxPackages.GUEST_FILES);
    }

    public Toolbox install(boolean refresh) {
        return install(ToolboxPackages.DEFAULT, ToolboxPackages.GUEST_FILES, refresh);
    }

    public Toolbox install() {
        return install(false);
    }

    private void unpack(DebianRepository repo, List<BinaryPackage> packages, Path dir) {
        try {
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempDirectory(cacheDir, ".unpack-");
            try {
                DebUnpacker unpacker = new DebUnpacker(temp);
                for (BinaryPackage p : packages) {
                    Path deb = repo.fetch(HashedFile.ofPackage(p.paragraph()), listener);
                    unpacker.unpack(DebFile.of(deb));
                }
                moveIntoPlace(temp, dir);
            } finally {
                Trees.delete(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<BinaryPackage> resolve(
            DebianRepository repo, List<String> packages, Map<String, List<String>> guestFiles) {
        List<BinaryPackage> out = new ArrayList<>(
                new Resolver(index(repo, HOST_ARCH)).resolve(packages).packages());
        new TreeMap<>(guestFiles).forEach((arch, names) -> {
            PackageIndex index = index(repo, arch);
            for (String name : names) {
                out.add(index.newest(name).orElseThrow(() -> new UserError(index.noSuchPackage(name))));
            }
        });
        return out;
    }

    private static PackageIndex index(DebianRepository repo, String arch) {
        return PackageIndex.fromParagraphs(
                repo.packages("main", arch), arch, repo.config().suite() + "/main");
    }

    static String key(List<BinaryPackage> packages) {
        return sha256(String.join(
                "", packages.stream().map(p -> p.sha256() + "\n").sorted().toList()));
    }

    static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void moveIntoPlace(Path temp, Path dir) throws IOException {
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        } catch (IOException e) {
            // rename(2) onto a non-empty directory fails with ENOTEMPTY: another run finished first
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
