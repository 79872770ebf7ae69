package io.crossroot.toolbox;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.debian.resolve.Resolution;
import io.crossroot.debian.resolve.Resolver;
import io.crossroot.rootfs.DebUnpacker;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds (once) and finds the toolbox: resolves the tool packages and their dependencies over the mirror's amd64
 * index, downloads them verified, and unpacks them into {@code CACHE/toolbox/KEY}, KEY being the hash of the
 * resolved set's .deb hashes. A new package version on the mirror gives a new key, so a toolbox never changes
 * under a running build; concurrent runs race harmlessly (the loser's tree is deleted).
 */
public final class ToolboxInstaller {
    private static final String HOST_ARCH = "amd64";

    private final DebianRepository repo;
    private final Path cacheDir;
    private final DownloadListener listener;

    public ToolboxInstaller(DebianRepository repo, Path cacheDir, DownloadListener listener) {
        this.repo = repo;
        this.cacheDir = cacheDir.resolve("toolbox");
        this.listener = listener;
    }

    public Toolbox install(List<String> packages) {
        // Resolving parses the whole amd64 index (~30 s); the same index and package list give the same toolbox.
        Path memo = cacheDir.resolve("resolved-" + sha256(indexIdentity() + packages));
        try {
            if (Files.isRegularFile(memo)) {
                Path known = cacheDir.resolve(Files.readString(memo).strip());
                if (Files.isDirectory(known)) {
                    return new Toolbox(known);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Resolution resolution = resolve(packages);
        String key = key(resolution);
        Path dir = cacheDir.resolve(key);
        if (!Files.isDirectory(dir)) {
            unpack(resolution, dir);
        }
        try {
            io.crossroot.util.AtomicOutput.write(memo, key.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Toolbox(dir);
    }

    /** The hashes of the amd64 main index as the (verified) Release lists them. */
    private String indexIdentity() {
        String prefix = "main/binary-" + HOST_ARCH + "/Packages";
        return repo.release().files().values().stream().filter(f -> f.path().startsWith(prefix))
                .map(f -> f.sha256()).sorted().toList().toString();
    }

    private void unpack(Resolution resolution, Path dir) {
        try {
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempDirectory(cacheDir, ".unpack-");
            try {
                DebUnpacker unpacker = new DebUnpacker(temp);
                for (BinaryPackage p : resolution.packages()) {
                    Path deb = repo.fetch(HashedFile.ofPackage(p.paragraph()), listener);
                    unpacker.unpack(DebFile.of(deb));
                }
                moveIntoPlace(temp, dir);
            } finally {
                deleteTree(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Toolbox install() {
        return install(ToolboxPackages.DEFAULT);
    }

    private Resolution resolve(List<String> packages) {
        PackageIndex index = PackageIndex.fromParagraphs(repo.packages("main", HOST_ARCH), HOST_ARCH,
                repo.config().suite() + "/main");
        return new Resolver(index).resolve(packages);
    }

    static String key(Resolution resolution) {
        return sha256(String.join("", resolution.packages().stream().map(p -> p.sha256() + "\n").sorted().toList()));
    }

    private static String sha256(String text) {
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

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
