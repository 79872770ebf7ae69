package io.crossroot.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a path as a process chrooted into {@code root} would see it: absolute symlinks inside the tree
 * point into the tree, never to the host (merged-/usr roots are full of /lib -> usr/lib style links).
 */
public final class RootPaths {
    private static final int MAX_LINKS = 40; // as the kernel's ELOOP limit

    /** The top-level directories that are links into /usr on a merged-/usr system (/lib -> usr/lib, ...). */
    public static final List<String> MERGED_USR_ALIASES = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "libo32");

    private RootPaths() {}

    /** The host path of {@code path} inside {@code root}, or empty when it does not exist there. */
    public static Optional<Path> resolve(Path root, String path) {
        return resolve(root, path, false);
    }

    /**
     * As {@link #resolve}, and where {@code root} has no entry at all for one of the {@link #MERGED_USR_ALIASES}
     * (a tree unpacked from packages of a merged-/usr release: the loader in usr/lib, no lib link), goes on as if the
     * link to usr/NAME were there, as the system will once it is installed.
     */
    public static Optional<Path> resolveMergedUsr(Path root, String path) {
        return resolve(root, path, true);
    }

    private static Optional<Path> resolve(Path root, String path, boolean mergedUsr) {
        String[] parts = path.split("/");
        Path current = root;
        int links = 0;
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(java.util.List.of(parts));
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.equals(root) ? root : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            boolean missingAlias = mergedUsr && current.equals(root) && MERGED_USR_ALIASES.contains(part)
                    && !Files.exists(next, LinkOption.NOFOLLOW_LINKS);
            if (missingAlias || Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = missingAlias ? "usr/" + part : Files.readSymbolicLink(next).toString();
                } catch (IOException e) {
                    return Optional.empty();
                }
                java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(target.split("/")));
                rest.addAll(todo);
                todo = new java.util.ArrayDeque<>(rest);
                if (target.startsWith("/")) {
                    current = root;
                }
                continue;
            }
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }
}
