package io.crossroot.rootfs;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fails early and clearly when the kernel cannot run the root's programs (no binfmt_misc entry for them). */
final class EmulationCheck {
    private EmulationCheck() {}

    static void require(Path root, String arch) {
        if (ArchCatalog.find(arch).map(ArchCatalog::runsNatively).orElse(false)) {
            return; // the host kernel runs these programs itself
        }
        Path dpkg = ConfinedRoot.resolve(root, "/usr/bin/dpkg")
                .orElseThrow(() -> new UserError("The unpacked root " + root
                        + " has no /usr/bin/dpkg, so it cannot be configured. The package set must include dpkg."));
        byte[] header;
        try (InputStream in = Files.newInputStream(dpkg)) {
            header = in.readNBytes(128);
        } catch (IOException e) {
            throw new UserError("Cannot read " + dpkg + ": " + e.getMessage(), e);
        }
        BinfmtMisc kernel = BinfmtMisc.system();
        if (!kernel.isMounted() || kernel.match(header).isEmpty()) {
            throw new UserError("The kernel cannot run " + arch + " programs: no enabled binfmt_misc entry matches "
                    + "them, and the root's maintainer scripts must run under emulation. Run 'crossroot binfmt "
                    + "install --arch " + arch + "' (as root) and try again.");
        }
    }
}
