package io.crossroot.rootfs;

import io.crossroot.debian.RepositoryConfig;
import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** Writes each file inside the root, replacing what is there (a symlink too) rather than writing through it. */
    static void write(Path root, Map<String, String> files) throws IOException {
        ConfinedRoot tree = new ConfinedRoot(root);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = tree.locate(f.getKey());
            Files.deleteIfExists(target);
            ConfinedRoot.writeNoFollow(target, f.getValue().getBytes(StandardCharsets.UTF_8), 0644);
        }
    }
}
