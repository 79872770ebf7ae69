package io.crossroot.rootfs;

import io.crossroot.debian.RepositoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The files a bootstrap adds besides the packages (as mmdebstrap's setup does): apt sources, host name, DNS. */
final class RootSetup {
    private RootSetup() {}

    /** /etc/apt/sources.list.d/debian.sources (deb822, sources.list(5)) for the mirror and suite used. */
    static String sources(RepositoryConfig config) {
        return "Types: deb\nURIs: " + config.mirror() + "\nSuites: " + config.suite() + "\nComponents: main\n";
    }

    /** Path in the root to content: the sources, and the host's DNS configuration and host name. */
    static Map<String, String> files(RepositoryConfig config) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put("etc/apt/sources.list.d/debian.sources", sources(config));
        for (String hostFile : List.of("etc/resolv.conf", "etc/hostname")) {
            Path host = Path.of("/").resolve(hostFile);
            if (Files.isReadable(host)) {
                // the content, not a host symlink (systemd-resolved's /etc/resolv.conf is one)
                files.put(hostFile, Files.readString(host));
            }
        }
        return files;
    }

    static void write(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            writeFile(root.resolve(f.getKey()), f.getValue());
        }
    }

    private static void writeFile(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Files.writeString(target, text);
        Files.setAttribute(target, "unix:mode", 0644, LinkOption.NOFOLLOW_LINKS);
    }
}
