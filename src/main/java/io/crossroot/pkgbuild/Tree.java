package io.crossroot.pkgbuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Chowning directory trees without following symlinks (a root's links point anywhere). */
final class Tree {
    private Tree() {}

    /** Gives a tree to uid:gid (numeric, as inside the root; the host may not know the user). */
    static void chown(Path dir, int uid, int gid) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
