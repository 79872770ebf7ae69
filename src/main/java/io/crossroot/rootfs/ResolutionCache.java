package io.crossroot.rootfs;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Digests;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.util.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Resolved package sets, keyed by the SHA256 of the verified Packages index and the request (architecture,
 * variant, includes): parsing and indexing the ~50 MB index is most of the resolve phase, and the same index
 * always resolves to the same set. Entries are the set's Packages stanzas, so a hit needs no index at all.
 */
final class ResolutionCache {
    /** Bump when the resolver's choices or the entry format change, so old entries are not reused. */
    private static final String FORMAT = "1";

    private final Path dir;

    ResolutionCache(Path cacheRoot) {
        this.dir = cacheRoot.resolve("rootfs").resolve("resolutions");
    }

    /** The cached set for this key, else {@code resolve}'s, which is stored for next time. */
    List<BinaryPackage> get(String indexSha256, RootfsRequest request, Supplier<List<BinaryPackage>> resolve) {
        Path entry = dir.resolve(key(indexSha256, request));
        Optional<List<BinaryPackage>> hit = read(entry);
        if (hit.isPresent()) {
            return hit.get();
        }
        List<BinaryPackage> resolved = resolve.get();
        write(entry, resolved);
        return resolved;
    }

    static String key(String indexSha256, RootfsRequest request) {
        String text = String.join(
                "\n",
                FORMAT,
                indexSha256,
                request.arch(),
                request.variant().displayName(),
                String.join(",", new TreeSet<>(request.include())));
        return HexFormat.of().formatHex(Digests.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<List<BinaryPackage>> read(Path entry) {
        try {
            String text = Files.readString(entry);
            return Optional.of(Deb822.parseAll(text, entry.toString()).stream()
                    .map(BinaryPackage::from)
                    .toList());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // absent or damaged: resolve again and overwrite it
        }
    }

    private static void write(Path entry, List<BinaryPackage> packages) {
        StringBuilder text = new StringBuilder();
        packages.forEach(p -> text.append(p.paragraph()).append('\n'));
        try {
            Files.createDirectories(entry.getParent());
            AtomicOutput.write(entry, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // only a cache: the build goes on, the next run resolves again
        }
    }
}
