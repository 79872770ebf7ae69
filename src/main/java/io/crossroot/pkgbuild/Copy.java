package io.crossroot.pkgbuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Copies a directory tree with cp -a (keeps owners, modes, symlinks and timestamps, which roots and builds care
 * about), sharing blocks where the file system supports reflinks.
 */
final class Copy {
    private Copy() {}

    static void tree(java.nio.file.Path from, java.nio.file.Path to) throws IOException {
        Process p = new ProcessBuilder("cp", "-a", "--reflink=auto", from.toString(), to.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("cp -a " + from + " " + to + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + from, e);
        }
    }
}
