package io.crossroot.binfmt;

import io.crossroot.util.AtomicOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * systemd's binfmt.d files (/etc/binfmt.d/*.conf), which systemd-binfmt.service registers at every boot: how a
 * kernel registration survives a reboot. crossroot's files are named crossroot-ENTRY.conf so it never touches
 * another package's.
 */
public final class BinfmtConfFile {
    public static final Path DEFAULT_DIR = Path.of("/etc/binfmt.d");
    private static final String PREFIX = "crossroot-";

    private final Path dir;

    public BinfmtConfFile(Path dir) {
        this.dir = dir;
    }

    public static BinfmtConfFile system() {
        return new BinfmtConfFile(DEFAULT_DIR);
    }

    /** e.g. /etc/binfmt.d/crossroot-qemu-riscv64.conf */
    public Path pathFor(String entryName) {
        BinfmtRegistration.requireValidName(entryName);
        return dir.resolve(PREFIX + entryName + ".conf");
    }

    /** Writes (atomically, so systemd never reads half a file) the rule for the next boots. */
    public Path write(BinfmtRegistration registration) {
        Path file = pathFor(registration.name());
        String text = "# Written by crossroot; systemd-binfmt.service registers this rule at boot.\n"
                + "# Remove it with crossroot's binfmt uninstall, not by hand, so crossroot's records stay right.\n"
                + registration.registerLine() + "\n";
        try {
            AtomicOutput.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new io.crossroot.util.UserError(
                    "Could not write " + file + " (" + e.getMessage() + "). Writing " + dir
                            + " needs root; without it the binfmt_misc entry works until the next reboot only.",
                    e);
        }
        return file;
    }

    /** Deletes crossroot's file for the entry; false when there was none. */
    public boolean delete(String entryName) {
        try {
            return Files.deleteIfExists(pathFor(entryName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
