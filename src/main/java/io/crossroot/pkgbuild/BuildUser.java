package io.crossroot.pkgbuild;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        ConfinedRoot tree = new ConfinedRoot(root);
        String passwd = new String(tree.read("/etc/passwd", "The build root"), StandardCharsets.UTF_8);
        if (passwd.lines().anyMatch(l -> l.startsWith(NAME + ":"))) {
            return;
        }
        append(tree, "/etc/passwd", NAME + ":x:" + UID + ":" + UID + ":crossroot package builds:" + HOME + ":/bin/sh");
        append(tree, "/etc/group", NAME + ":x:" + UID + ":");
        append(tree, "/etc/shadow", NAME + ":!:19000:0:99999:7:::");
        Path home = home(root);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Trees.chown(home, UID, UID);
    }

    /** The build user's home in {@code root}, resolved inside it (created when missing). */
    static Path home(Path root) throws IOException {
        Path home = new ConfinedRoot(root).target(HOME);
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(home);
        }
        return home;
    }

    /** Appends to a file of the root resolved inside it, never through a symlink to the host. */
    private static void append(ConfinedRoot tree, String file, String line) throws IOException {
        Path p = tree.resolve(file).orElse(null);
        if (p != null) {
            Files.write(p, List.of(line), StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** argv prefix that drops to the build user inside the root (util-linux setpriv, essential in Debian). */
    static List<String> dropPrivileges() {
        return List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--");
    }
}
