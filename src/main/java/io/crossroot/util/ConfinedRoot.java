package io.crossroot.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule by which a path taken from input (package fields, archive members, symlinks in a tree, recipe and
 * layout fields) or written by crossroot into a tree reaches the host: it is resolved inside {@code root} as the
 * kernel resolves it for a process chrooted there (symlinks relative to the root, ".." stopping at the root), and
 * the host file is then opened without following a final symlink, so a tree can never name a host file.
 */
public final class ConfinedRoot {
    private static final int MAX_LINKS = 40; // the kernel's ELOOP limit
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** The top-level directories that are links into /usr on a merged-/usr system (/lib -> usr/lib, ...). */
    public static final List<String> MERGED_USR_ALIASES =
            List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "libo32");

    private final Path root;
    private final Map<String, Path> dirs = new HashMap<>(); // directories resolved by locate(), by member name

    public ConfinedRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Checks an archive member name ("./usr/bin/x", "usr/bin/x/") and returns it as "usr/bin/x" ("" for the root
     * itself). Rejects ".", ".." and empty components: no real archive has them and ".." could leave the root.
     *
     * @param source what the name came from, for the error (a file, a package)
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
        for (String part : n.split("/", -1)) {
            if (part.equals("..") || part.equals(".") || (part.isEmpty() && !n.isEmpty()) || part.indexOf('\0') >= 0) {
                throw new UserError(source + " contains the unsafe path '" + archiveName + "' (empty, '.' or '..' "
                        + "components could place files outside the directory it is unpacked into). The input is "
                        + "corrupt or malicious; delete it (or it from the cache) and fetch or build it again.");
            }
        }
        return n;
    }

    /**
     * Checks that {@code name} is one plain file name (no '/', not "." or ".."), as crossroot builds from input to
     * name a file it writes (a log named after a package, a database file).
     */
    public static String checkedFileName(String name, String what) {
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new UserError(what + " '" + name + "' cannot name a file: it is empty, '.' or '..', or contains '/'. "
                    + "The input is corrupt or malicious.");
        }
        return name;
    }

    /** {@link #resolve(String)} in {@code root}. */
    public static Optional<Path> resolve(Path root, String path) {
        return new ConfinedRoot(root).resolve(path);
    }

    /**
     * The host path of {@code path} ("/etc/shadow", "usr/lib") inside the root with every symlink followed inside
     * it, the last one too; empty when it does not exist there or its links loop.
     */
    public Optional<Path> resolve(String path) {
        try {
            return Optional.ofNullable(walk(path, false, false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * As {@link #resolve(Path, String)}, and where {@code root} has no entry at all for one of the
     * {@link #MERGED_USR_ALIASES} (a tree unpacked from packages of a merged-/usr release: the loader in usr/lib, no
     * lib link), goes on as if the link to usr/NAME were there, as the system will once it is installed.
     */
    public static Optional<Path> resolveMergedUsr(Path root, String path) {
        try {
            return Optional.ofNullable(new ConfinedRoot(root).walk(path, false, true));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Where a process chrooted into the root would write {@code path}: symlinks are followed inside the root, the
     * last one too (a dangling one names the file to create), and missing directories are created. The result is
     * never a symlink; open it with {@link #NOFOLLOW} (as {@link #write} does) so that stays true.
     */
    public Path target(String path) throws IOException {
        return walk(path, true, false);
    }

    /** The host path of {@code path} for reading: resolved inside the root, refused unless a regular file. */
    public Path regularFile(String path, String what) {
        Path p = resolve(path)
                .orElseThrow(() -> new UserError(
                        what + ": " + root + " has no file " + path + " (or its symlinks lead nowhere inside it)."));
        if (!Files.isRegularFile(p, NOFOLLOW)) {
            throw new UserError(what + ": " + path + " in " + root + " is not a regular file.");
        }
        return p;
    }

    /** Opens a resolved host path for reading, refusing a symlink swapped in since and anything not a regular file. */
    public static InputStream openRegular(Path resolved) throws IOException {
        InputStream in = Files.newInputStream(resolved, StandardOpenOption.READ, NOFOLLOW);
        if (!Files.readAttributes(resolved, BasicFileAttributes.class, NOFOLLOW).isRegularFile()) {
            in.close();
            throw new UserError(resolved + " is not a regular file.");
        }
        return in;
    }

    public byte[] read(String path, String what) throws IOException {
        try (InputStream in = openRegular(regularFile(path, what))) {
            return in.readAllBytes();
        }
    }

    /** Writes {@code content} at {@code path} inside the root (see {@link #target}) with {@code mode}. */
    public Path write(String path, byte[] content, int mode) throws IOException {
        Path p = target(path);
        writeNoFollow(p, content, mode);
        return p;
    }

    /** Writes a host path already confined by this class, never through a symlink that appeared since. */
    public static void writeNoFollow(Path p, byte[] content, int mode) throws IOException {
        try (OutputStream out = Files.newOutputStream(
                p,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                NOFOLLOW)) {
            out.write(content);
        }
        Files.setAttribute(p, "unix:mode", mode, NOFOLLOW);
    }

    /**
     * Creates a directory inside a root with mode 0755, as dpkg does for a missing parent: the mode mkdir(2) gives
     * depends on the umask of whoever runs crossroot, which must not reach the root.
     */
    public static void createDirectory(Path dir) throws IOException {
        Files.createDirectory(dir);
        Files.setAttribute(dir, "unix:mode", 0755, NOFOLLOW);
    }

    /** Options to open a confined path for writing without following a final symlink. */
    public static OpenOption[] writeOptions() {
        return new OpenOption[] {
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, NOFOLLOW
        };
    }

    /**
     * The host path of member {@code name} (as returned by {@link #checkedName}) for replacing whatever is there:
     * its parent directories resolved inside the root (created when missing), its last component not followed.
     */
    public Path locate(String name) throws IOException {
        if (name.isEmpty()) {
            return root;
        }
        int slash = name.lastIndexOf('/');
        Path parent = slash < 0 ? root : directory(name.substring(0, slash));
        return parent.resolve(name.substring(slash + 1));
    }

    /** The existing host path of member {@code name}, its last component not followed; null when absent. */
    public Path existing(String name) throws IOException {
        Path p = locate(name);
        return Files.exists(p, NOFOLLOW) ? p : null;
    }

    /** Forgets directories resolved by {@link #locate}: one of them was replaced by something else. */
    public void invalidate() {
        dirs.clear();
    }

    private Path directory(String name) throws IOException {
        Path cached = dirs.get(name);
        if (cached != null) {
            return cached;
        }
        Path dir = resolve(name).orElse(null);
        if (dir == null) {
            // A package ships a file whose directory no package created (dpkg creates it too).
            dir = locate(name);
            if (Files.isSymbolicLink(dir)) {
                throw new UserError("Files are placed below /" + name + " in " + root + ", a symlink to "
                        + Files.readSymbolicLink(dir) + ", which does not exist inside the root. The package set is "
                        + "inconsistent (dpkg would fail the same way).");
            }
            createDirectory(dir);
        } else if (!Files.isDirectory(dir, NOFOLLOW)) {
            throw new UserError("'" + name + "' in " + root + " is not a directory but files are placed below it. "
                    + "Two packages of the set disagree about the file system layout.");
        }
        dirs.put(name, dir);
        return dir;
    }

    /**
     * Resolves {@code path} component by component from the root. With {@code forWrite}, a missing last component is
     * the file to create and missing directories are created; otherwise a missing component gives null.
     */
    private Path walk(String path, boolean forWrite, boolean mergedUsr) throws IOException {
        if (path.indexOf('\0') >= 0) {
            throw new UserError("The path '" + path.replace('\0', '?') + "' contains a NUL byte.");
        }
        Deque<String> todo = new ArrayDeque<>(Arrays.asList(path.split("/")));
        Path current = root;
        int links = 0;
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
            boolean last = todo.stream().allMatch(p -> p.isEmpty() || p.equals("."));
            boolean missingAlias = mergedUsr
                    && current.equals(root)
                    && MERGED_USR_ALIASES.contains(part)
                    && !Files.exists(next, NOFOLLOW);
            if (missingAlias || Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    if (forWrite) {
                        throw new UserError("The path " + path + " in " + root + " goes through more than " + MAX_LINKS
                                + " symlinks (they loop), so nothing can be written there.");
                    }
                    return null;
                }
                String target = missingAlias
                        ? "usr/" + part
                        : Files.readSymbolicLink(next).toString();
                List<String> rest = new ArrayList<>(Arrays.asList(target.split("/")));
                rest.addAll(todo);
                todo = new ArrayDeque<>(rest);
                if (target.startsWith("/")) {
                    current = root;
                }
                continue;
            }
            if (!Files.exists(next, NOFOLLOW)) {
                if (!forWrite) {
                    return null;
                }
                if (last) {
                    return next;
                }
                createDirectory(next);
            } else if (!last && !Files.isDirectory(next, NOFOLLOW)) {
                if (forWrite) {
                    throw new UserError("Cannot write " + path + " in " + root + ": " + root.relativize(next)
                            + " is not a directory.");
                }
                return null;
            }
            current = next;
        }
        return current;
    }
}
