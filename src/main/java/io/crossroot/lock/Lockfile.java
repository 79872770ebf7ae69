package io.crossroot.lock;

import io.crossroot.util.AtomicOutput;
import io.crossroot.util.UserError;
import io.crossroot.util.WriteFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A lockfile: the exact packages (name, version, architecture, pool path, size, SHA256) a build installs, per
 * repository and use, and the request they were resolved for. Written sorted and stable, so two resolutions of an
 * unchanged mirror give the same bytes and a changed one gives a readable diff. See {@link LockfileYaml}.
 */
public record Lockfile(int version, LockRequest request, List<LockedRepository> repositories) {
    /** The format this crossroot reads and writes. */
    public static final int VERSION = 1;

    public Lockfile {
        repositories = repositories.stream()
                .sorted(Comparator.comparing(LockedRepository::type)
                        .thenComparing(r -> r.mirror().toString())
                        .thenComparing(LockedRepository::suite))
                .toList();
    }

    /** A set with the repository it comes from. */
    public record Located(LockedRepository repository, LockedSet set) {}

    /** The set for {@code role} and {@code arch} (the host's, e.g. amd64, for the toolbox and qemu), if locked. */
    public Optional<Located> set(LockedSet.Role role, String arch) {
        return all().stream()
                .filter(l -> l.set().role() == role && l.set().arch().equals(arch))
                .findFirst();
    }

    /** Every set of every repository, in file order (what an SBOM lists: each package with its pool path). */
    public List<Located> all() {
        List<Located> out = new ArrayList<>();
        repositories.forEach(r -> r.sets().forEach(s -> out.add(new Located(r, s))));
        return out;
    }

    /** Reads and checks a lockfile; any problem is one error with the file's line numbers. */
    public static Lockfile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "it does not exist" : e.getMessage();
            throw new UserError(
                    "Cannot read the lockfile " + file + ": " + why + ". Give the file 'crossroot lock' wrote, or "
                            + "write it first with 'crossroot lock -o " + file + "' (or --update-lock).",
                    e);
        }
        return LockfileYaml.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /** The file's text. */
    public String toYaml() {
        return LockfileYaml.write(this);
    }

    /** Writes the file atomically: a reader sees the old lockfile or the new one, never a part. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicOutput.write(file, toYaml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw WriteFailure.of(file, e, "Check that its directory is writable and has free space.");
        }
    }
}
