package io.crossroot.debian.deb;

import io.crossroot.util.RootPaths;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps archive paths to host paths inside a root directory the way a chrooted dpkg would: symlinks among the
 * parent directories are followed but never out of the root, and the last component is never followed, so a
 * package cannot write outside the tree however its links point.
 */
public final class ConfinedRoot {
    private final Path root;
    private final Map<String, Path> dirs = new HashMap<>(); // resolved parent directories, by archive path

    public ConfinedRoot(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /**
     * Checks an archive member name ("./usr/bin/x", "usr/bin/x/") and returns it as "usr/bin/x" ("" for the
     * root itself). Rejects ".." components, which no real package contains.
     */
    public static String checkedName(String archiveName, Object source) {
        String n = archiveName;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("/") ? 1 : 2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.equals(".")) {
            return "";
        }
        for (String part : n.split("/")) {
            if (part.equals("..") || part.equals(".") || (part.isEmpty() && !n.isEmpty())) {
                throw new UserError(source + " contains the unsafe path '" + archiveName + "' (empty, '.' or '..' "
                        + "components could place files outside the root). The package is corrupt or malicious; "
                        + "delete it from the cache and fetch it again.");
            }
        }
        return n;
    }

    /** The host path of {@code name} (as returned by {@link #checkedName}); its parent directories are created. */
    public Path locate(String name) throws IOException {
        if (name.isEmpty()) {
            return root;
        }
        int slash = name.lastIndexOf('/');
        Path parent = slash < 0 ? root : directory(name.substring(0, slash));
        return parent.resolve(name.substring(slash + 1));
    }

    /** The existing host path of {@code name}, its last component not followed; null when absent. */
    public Path existing(String name) throws IOException {
        Path p = locate(name);
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
    }

    private Path directory(String name) throws IOException {
        Path cached = dirs.get(name);
        if (cached != null) {
            return cached;
        }
        Path dir = RootPaths.resolve(root, name).orElse(null);
        if (dir == null) {
            // A package ships a file whose directory no package created (dpkg creates it too).
            dir = locate(name);
            if (Files.isSymbolicLink(dir)) {
                throw new UserError("A package puts files below /" + name + " in " + root + ", a symlink to "
                        + Files.readSymbolicLink(dir) + ", which does not exist inside the root. The package set is "
                        + "inconsistent (dpkg would fail the same way).");
            }
            Files.createDirectory(dir);
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError("'" + name + "' in " + root + " is not a directory but a package puts files "
                    + "below it. Two packages of the set disagree about the file system layout.");
        }
        dirs.put(name, dir);
        return dir;
    }

    /** Forgets cached directories: a directory was replaced by something else. */
    public void invalidate() {
        dirs.clear();
    }
}
