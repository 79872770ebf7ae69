package io.crossroot.rootfs;

import io.crossroot.sandbox.Sandbox;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs what must run under emulation, inside the root: every preinst ("install"), in install order, then
 * "dpkg --configure -a", which runs the postinsts and moves the conffiles into place. Files are already
 * unpacked, as mmdebstrap has them when it installs the essential set over its extracted tree.
 */
final class MaintainerScripts {
    /** The environment dpkg gives scripts in a non-interactive bootstrap (as mmdebstrap sets it). */
    static final Map<String, String> ENV = Map.of(
            "DEBIAN_FRONTEND", "noninteractive",
            "DEBCONF_NONINTERACTIVE_SEEN", "true",
            "LC_ALL", "C.UTF-8",
            "PATH", "/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME", "/root");

    private final Sandbox sandbox;
    private final Path root;
    private final RootfsProgress progress;

    MaintainerScripts(Sandbox sandbox, Path root, RootfsProgress progress) {
        this.sandbox = sandbox;
        this.root = root;
        this.progress = progress;
    }

    void preinstAll(List<UnpackedPackage> installOrder) {
        StringBuilder script = new StringBuilder("set -e\n");
        int count = 0;
        for (UnpackedPackage p : installOrder) {
            if (p.controlFiles().containsKey("preinst")) {
                // names and architectures are [a-z0-9.+-:], safe in a shell word
                script.append("DPKG_MAINTSCRIPT_PACKAGE=").append(p.name())
                        .append(" DPKG_MAINTSCRIPT_ARCH=").append(p.architecture())
                        .append(" DPKG_MAINTSCRIPT_NAME=preinst DPKG_ADMINDIR=/var/lib/dpkg DPKG_ROOT= ")
                        .append("/var/lib/dpkg/info/").append(p.infoName()).append(".preinst install\n");
                count++;
            }
        }
        progress.phase("configuring", count + " preinst scripts");
        run(List.of("/bin/sh", "-c", script.toString()), "a preinst script");
    }

    void configureAll() {
        progress.phase("configuring", "dpkg --configure -a");
        run(List.of("dpkg", "--configure", "-a"), "dpkg --configure -a");
    }

    private void run(List<String> argv, String what) {
        Sandbox.ExecResult r;
        try {
            r = sandbox.exec(root, argv, ENV, progress::output);
        } catch (IOException e) {
            throw new UserError("Could not start " + what + " in " + root + ": " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while running " + what + "; the partial root is deleted.");
        }
        if (!r.ok()) {
            throw new UserError(what + " failed with status " + r.exitCode() + " inside " + root + ". Its last "
                    + "output:\n  " + String.join("\n  ", r.tail()) + "\nThis usually means a package needs something "
                    + "the set lacks; try --include, or report it with the output above.");
        }
    }

    /** Keeps daemons from starting during the build (policy-rc.d(8) exit 101: action forbidden). */
    static Path installPolicyRcD(Path root) throws IOException {
        Path p = root.resolve("usr/sbin/policy-rc.d");
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\nexit 101\n");
        Files.setAttribute(p, "unix:mode", 0755);
        return p;
    }
}
