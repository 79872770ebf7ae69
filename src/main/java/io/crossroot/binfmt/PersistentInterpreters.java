package io.crossroot.binfmt;

import io.crossroot.util.AtomicOutput;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Copies of the qemu interpreters that binfmt.d files name: a boot-time registration must not point into
 * crossroot's cache, which a cache clean empties. Each copy is written beside its place and renamed, so a running
 * registration keeps the old file and never sees half of the new one.
 */
public final class PersistentInterpreters {
    public static final Path DEFAULT_DIR = Path.of("/usr/local/lib/crossroot");

    private final Path dir;

    public PersistentInterpreters(Path dir) {
        this.dir = dir;
    }

    public static PersistentInterpreters system() {
        return new PersistentInterpreters(DEFAULT_DIR);
    }

    /** e.g. /usr/local/lib/crossroot/qemu-riscv64-static */
    public Path pathFor(String entryName) {
        BinfmtRegistration.requireValidName(entryName);
        return dir.resolve(entryName + "-static");
    }

    /** Copies {@code interpreter} to the entry's stable path (replacing an older copy) and returns that path. */
    public Path install(String entryName, Path interpreter) {
        Path target = pathFor(entryName);
        try (AtomicOutput out = AtomicOutput.open(target)) {
            Files.copy(interpreter, out.tempPath(), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(out.tempPath(), PosixFilePermissions.fromString("rwxr-xr-x"));
            out.commit();
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(
                    "Could not copy the interpreter " + interpreter + " to " + target + " (" + e.getMessage()
                            + "). Writing " + dir
                            + " needs root; without --persist the entry works until the next reboot.",
                    e);
        }
        return target;
    }

    /** Deletes the entry's copy; false when there was none. */
    public boolean delete(String entryName) {
        try {
            return Files.deleteIfExists(pathFor(entryName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
