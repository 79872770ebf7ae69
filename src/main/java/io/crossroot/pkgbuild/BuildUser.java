package io.crossroot.pkgbuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The unprivileged user builds run as, written straight into the root's passwd, group and shadow files (useradd
 * would run under emulation for the same three lines). Its home /build holds the sources and the results.
 */
final class BuildUser {
    static final String NAME = "build";
    static final int UID = 2000; // above Debian's dynamic range start (1000), so no package's user collides
    static final String HOME = "/build";

    private BuildUser() {}

    static void create(Path root) throws IOException {
        Path passwd = root.resolve("etc/passwd");
        if (Files.readAllLines(passwd).stream().anyMatch(l -> l.startsWith(NAME + ":"))) {
            return;
        }
        append(passwd, NAME + ":x:" + UID + ":" + UID + ":crossroot package builds:" + HOME + ":/bin/sh");
        append(root.resolve("etc/group"), NAME + ":x:" + UID + ":");
        append(root.resolve("etc/shadow"), NAME + ":!:19000:0:99999:7:::");
        Path home = root.resolve(HOME.substring(1));
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Tree.chown(home, UID, UID);
    }

    private static void append(Path file, String line) throws IOException {
        if (Files.exists(file)) {
            Files.write(file, List.of(line), StandardOpenOption.APPEND);
        }
    }

    /** argv prefix that drops to the build user inside the root (util-linux setpriv, essential in Debian). */
    static List<String> dropPrivileges() {
        return List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--");
    }
}
