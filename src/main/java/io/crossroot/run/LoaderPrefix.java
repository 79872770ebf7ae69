package io.crossroot.run;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory qemu gets as its loader prefix (-L) for a sysroot. qemu looks a guest path up as prefix + path on
 * the host, so a sysroot unpacked from merged-/usr packages (the loader in usr/lib, no lib -> usr/lib link) would
 * hide its loader and libraries: then the prefix is a temporary directory of links to the sysroot's own top-level
 * entries plus the merged-/usr links it lacks, each to its directory resolved inside the sysroot as a chroot would.
 * The sysroot itself is never written to.
 */
final class LoaderPrefix implements AutoCloseable {
    private final Path path;
    private final ExitCleanup cleanup;

    private LoaderPrefix(Path path, ExitCleanup cleanup) {
        this.path = path;
        this.cleanup = cleanup;
    }

    /** The prefix for {@code sysroot}: the sysroot itself when it lacks no merged-/usr link it could have. */
    static LoaderPrefix of(Path sysroot) {
        Path root = sysroot.toAbsolutePath();
        Map<String, Path> missing = missingMergedUsrLinks(root);
        if (missing.isEmpty()) {
            return new LoaderPrefix(root, null);
        }
        try {
            return withLinks(root, missing);
        } catch (IOException e) {
            throw new UserError("Cannot make the temporary loader prefix for the sysroot " + root + " (it has no "
                    + String.join(", ", missing.keySet()) + " link into usr): " + e + ". Check that "
                    + System.getProperty("java.io.tmpdir")
                    + " is writable and has room, or add the links to the sysroot.");
        }
    }

    private static LoaderPrefix withLinks(Path root, Map<String, Path> missing) throws IOException {
        Path shadow = Files.createTempDirectory("crossroot-sysroot-");
        ExitCleanup cleanup = ExitCleanup.register("crossroot-sysroot-cleanup", () -> Trees.deleteQuietly(shadow));
        try {
            for (Path entry : topLevelEntries(root)) {
                Files.createSymbolicLink(shadow.resolve(entry.getFileName().toString()), entry);
            }
            for (Map.Entry<String, Path> link : missing.entrySet()) {
                Files.createSymbolicLink(shadow.resolve(link.getKey()), link.getValue());
            }
        } catch (IOException | RuntimeException e) {
            cleanup.close();
            throw e;
        }
        return new LoaderPrefix(shadow, cleanup);
    }

    /** Alias name to the host directory it would lead to, for each merged-/usr link the root has no entry for. */
    static Map<String, Path> missingMergedUsrLinks(Path root) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String alias : ConfinedRoot.MERGED_USR_ALIASES) {
            if (Files.exists(root.resolve(alias), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Optional<Path> target = ConfinedRoot.resolve(root, "/usr/" + alias);
            if (target.isPresent() && Files.isDirectory(target.get(), LinkOption.NOFOLLOW_LINKS)) {
                out.put(alias, target.get());
            }
        }
        return out;
    }

    private static List<Path> topLevelEntries(Path root) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(root)) {
            ds.forEach(entries::add);
        }
        return entries;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (cleanup != null) {
            cleanup.close();
        }
    }
}
