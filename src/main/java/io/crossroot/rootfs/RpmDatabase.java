package io.crossroot.rootfs;

import io.crossroot.toolbox.ToolError;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the root's rpm database: the host build of rpm (crossroot's toolbox, the same major version as the
 * targets') records the installed packages with {@code --justdb}, no file touched and no scriptlet run, in sqlite at
 * the root's own {@code %_dbpath}, and imports the repositories' keys as dnf does. The host's rpm configuration is
 * kept out: only the toolbox's own rpmrc and macros are read.
 */
final class RpmDatabase {
    private RpmDatabase() {}

    /** Records {@code packages} (the verified .rpm files) and {@code armoredKeys} in {@code root}'s database. */
    static String write(Path root, Toolbox rpm, List<Path> packages, List<Path> armoredKeys) throws IOException {
        String dbpath = confined(root, RpmDatabasePath.of(root));
        List<String> common = common(rpm, root, dbpath);
        try {
            rpm.run("rpmdb", with(common, "--initdb"), Map.of());
            for (Path key : armoredKeys) {
                rpm.run("rpmkeys", with(common, "--import", key.toString()), Map.of());
            }
            List<String> install = with(
                    common,
                    "--install",
                    "--justdb",
                    "--nodeps",
                    "--noscripts",
                    "--notriggers",
                    "--nosignature", // each was verified against the repository's keys before it was unpacked
                    "--ignorearch",
                    "--ignoreos");
            packages.forEach(p -> install.add(p.toString()));
            rpm.run("rpm", install, Map.of());
        } catch (ToolError e) {
            throw new UserError(
                    "Writing the rpm database of " + root + " at " + dbpath + " failed: "
                            + e.getMessage() + ". The toolbox's rpm could not record the packages; delete the toolbox "
                            + "directory so crossroot unpacks it again, or report this with the output above.",
                    e);
        }
        return dbpath;
    }

    /**
     * {@code dbpath} with its symlinks resolved inside the root (Fedora's /var/lib/rpm is one), so that the host's
     * rpm, which opens root + dbpath without a chroot, cannot be led out of the root; the directory is created.
     */
    static String confined(Path root, String dbpath) throws IOException {
        Path inside = new ConfinedRoot(root).target(dbpath.substring(1));
        if (!Files.isDirectory(inside)) {
            ConfinedRoot.createDirectory(inside);
        }
        return "/" + root.toRealPath().relativize(inside.toRealPath());
    }

    private static List<String> common(Toolbox rpm, Path root, String dbpath) {
        Path config = rpm.file("usr/lib/rpm");
        return List.of(
                "--rcfile",
                config.resolve("rpmrc").toString(),
                "--macros",
                config.resolve("macros").toString(),
                "--define",
                "_db_backend sqlite",
                "--noplugins",
                "--root",
                root.toString(),
                "--dbpath",
                dbpath);
    }

    private static List<String> with(List<String> common, String... more) {
        List<String> out = new ArrayList<>(common);
        out.addAll(List.of(more));
        return out;
    }
}
