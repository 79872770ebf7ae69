package io.crossroot.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which paths may be a command's output: an output replaces what is at its path, so it must be neither a system
 * directory nor overlap one of the command's inputs (writing into a tree that is being read, or replacing it).
 */
public final class OutputPaths {
    /** Directories that are never an output themselves: replacing one would break the host. */
    private static final List<Path> SYSTEM_DIRS = paths(
            "/",
            "/bin",
            "/boot",
            "/dev",
            "/etc",
            "/home",
            "/lib",
            "/lib32",
            "/lib64",
            "/libx32",
            "/media",
            "/mnt",
            "/opt",
            "/proc",
            "/root",
            "/run",
            "/sbin",
            "/srv",
            "/sys",
            "/tmp",
            "/usr",
            "/usr/local",
            "/var",
            "/var/backups",
            "/var/cache",
            "/var/lib",
            "/var/local",
            "/var/log",
            "/var/mail",
            "/var/opt",
            "/var/spool",
            "/var/tmp");
    /** Trees owned by the kernel or the package manager: nothing is written inside them. */
    private static final List<Path> SYSTEM_TREES = paths(
            "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys", "/usr");
    /** Inside a system tree, but the administrator's own. */
    private static final Path LOCAL = Path.of("/usr/local");

    private OutputPaths() {}

    /** An input path and the option (or parameter) that named it. */
    public record Input(String option, Path path) {}

    /**
     * Why {@code output} (given as option {@code option}) may not be written, if it may not: a system path, or
     * equal to, inside or around one of {@code inputs}.
     */
    public static Optional<String> problem(String option, Path output, List<Input> inputs) {
        Path out = canonical(output);
        for (Path dir : SYSTEM_DIRS) {
            if (out.equals(dir)) {
                return Optional.of("The output " + option + " " + output + " is the system directory " + dir
                        + ", which crossroot never replaces. Choose a new path for the output, e.g. ./out.");
            }
        }
        for (Path tree : SYSTEM_TREES) {
            if (out.startsWith(tree) && !(out.startsWith(LOCAL) && !out.equals(LOCAL))) {
                return Optional.of("The output " + option + " " + output + " lies inside the system directory "
                        + tree + ", which belongs to the host's kernel or package manager. Choose a path outside "
                        + "it, e.g. ./out.");
            }
        }
        for (Input input : inputs) {
            Path in = canonical(input.path());
            String relation = out.equals(in)
                    ? "is the same path as"
                    : out.startsWith(in) ? "lies inside" : in.startsWith(out) ? "contains" : null;
            if (relation != null) {
                return Optional.of("The output " + option + " " + output + " " + relation + " the input "
                        + input.option() + " " + input.path() + ": writing it would change or delete that "
                        + "input while it is read. Choose an output outside " + input.path() + ".");
            }
        }
        return Optional.empty();
    }

    /**
     * The absolute path with every symbolic link in its existing part resolved, so that a link to a system
     * directory or an input is recognised; the part that does not exist yet is kept as written.
     */
    static Path canonical(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs; // a dangling link or no permission: judge the path as written
        }
    }

    private static List<Path> paths(String... names) {
        return java.util.Arrays.stream(names).map(Path::of).toList();
    }
}
