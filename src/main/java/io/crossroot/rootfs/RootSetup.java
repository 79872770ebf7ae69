package io.crossroot.rootfs;

import io.crossroot.debian.RepositoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The files a bootstrap adds besides the packages (as mmdebstrap's setup does): apt sources, host name, DNS. */
final class RootSetup {
    private RootSetup() {}

    /** /etc/apt/sources.list.d/debian.sources (deb822, sources.list(5)) for the mirror and suite used. */
    static String sources(RepositoryConfig config) {
        return "Types: deb\nURIs: " + config.mirror() + "\nSuites: " + config.suite() + "\nComponents: main\n";
    }

    static void write(Path root, RepositoryConfig config) throws IOException {
        writeFile(root.resolve("etc/apt/sources.list.d/debian.sources"), sources(config));
        copyHostFile(Path.of("/etc/resolv.conf"), root.resolve("etc/resolv.conf"));
        copyHostFile(Path.of("/etc/hostname"), root.resolve("etc/hostname"));
    }

    private static void copyHostFile(Path host, Path target) throws IOException {
        if (Files.isReadable(host)) {
            // the content, not a host symlink (systemd-resolved's /etc/resolv.conf is one)
            writeFile(target, Files.readString(host));
        }
    }

    private static void writeFile(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Files.writeString(target, text);
        Files.setAttribute(target, "unix:mode", 0644, LinkOption.NOFOLLOW_LINKS);
    }
}
