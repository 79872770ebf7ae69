package io.crossroot.rootfs;

import io.crossroot.debian.Digests;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finished root filesystems, keyed by everything that went into them: the exact .debs (name, version, SHA256)
 * in unpack order, the request, and the files crossroot adds itself. Rebuilding the same set again is then a
 * copy instead of half a minute of emulated maintainer scripts, as a container build cache reuses a layer.
 * Only the newest few entries are kept; a damaged or half-written entry is never used (entries appear by rename).
 */
final class ConfiguredRootCache {
    /** Bump when unpacking, the dpkg database or the script runner change what a build produces. */
    private static final String FORMAT = "1";

    private static final int KEEP = 4;

    private final Path dir;

    ConfiguredRootCache(Path cacheRoot) {
        this.dir = cacheRoot.resolve("rootfs").resolve("configured");
    }

    /** The key of a build: same key, same tree. {@code setupFiles} is what {@link RootSetup} writes. */
    static String key(RootfsRequest request, List<BinaryPackage> unpackOrder, String setupFiles) {
        StringBuilder text = new StringBuilder(String.join(
                "\n",
                FORMAT,
                request.arch(),
                request.variant().displayName(),
                String.join(",", new TreeSet<>(request.include())),
                setupFiles));
        for (BinaryPackage p : unpackOrder) {
            text.append('\n')
                    .append(p.name())
                    .append(' ')
                    .append(p.version())
                    .append(' ')
                    .append(HashedFile.ofPackage(p.paragraph()).sha256());
        }
        return HexFormat.of().formatHex(Digests.sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The cached tree for {@code key}, marked as just used. */
    Optional<Path> find(String key) {
        Path entry = dir.resolve(key);
        if (!Files.isDirectory(entry)) {
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // only recency for pruning
        }
        return Optional.of(entry);
    }

    /**
     * Stores a copy of {@code root} under {@code key} (unless one is there and not to be {@code replace}d), then
     * drops the least recently used entries beyond the newest few. Failing to store is not an error: the next
     * build just runs the scripts again.
     */
    void store(String key, Path root, boolean replace) {
        Path partial =
                dir.resolve("." + key + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            Trees.copy(root, partial);
            Files.setLastModifiedTime(partial, FileTime.from(Instant.now()));
            Path entry = dir.resolve(key);
            if (replace) {
                Trees.deleteQuietly(entry);
            }
            Files.move(partial, entry);
            prune();
        } catch (IOException e) {
            // e.g. no space left, or another build stored the same key first
        } finally {
            Trees.deleteQuietly(partial);
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(ConfiguredRootCache::lastUsed).reversed())
                    .toList();
        }
        for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
            Trees.deleteQuietly(old);
        }
    }

    private static FileTime lastUsed(Path entry) {
        try {
            return Files.getLastModifiedTime(entry);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
