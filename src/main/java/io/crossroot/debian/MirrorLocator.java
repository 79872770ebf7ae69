package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Debian mirror this host already uses, from apt's configuration: deb822 .sources files under
 * /etc/apt/sources.list.d and the one-line /etc/apt/sources.list. The main archive is the first "deb" URI that
 * is not a security or updates archive. crossroot never names a mirror host itself.
 */
public final class MirrorLocator {
    private final Path aptRoot;

    public MirrorLocator(Path aptRoot) {
        this.aptRoot = aptRoot;
    }

    /** The mirror configured on this host. */
    public static URI hostDefault() {
        return new MirrorLocator(Path.of("/etc/apt"))
                .find()
                .orElseThrow(() -> new UserError(
                        "No Debian mirror found in this host's apt configuration (/etc/apt/sources.list and "
                                + "/etc/apt/sources.list.d/*.sources). Pass one with --mirror URL, or set 'mirror:' in the "
                                + "crossroot config file."));
    }

    public Optional<URI> find() {
        List<URI> candidates = new ArrayList<>();
        try {
            Path dir = aptRoot.resolve("sources.list.d");
            if (Files.isDirectory(dir)) {
                List<Path> files = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    ds.forEach(files::add);
                }
                files.sort(null);
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".sources")) {
                        fromDeb822(Files.readString(f), f.toString(), candidates);
                    } else if (name.endsWith(".list")) {
                        fromOneLine(Files.readString(f), candidates);
                    }
                }
            }
            Path list = aptRoot.resolve("sources.list");
            if (Files.isRegularFile(list)) {
                fromOneLine(Files.readString(list), candidates);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return candidates.stream().filter(MirrorLocator::isMainArchive).findFirst();
    }

    private static void fromDeb822(String text, String source, List<URI> out) {
        for (Paragraph p : Deb822.parseAll(text, source)) {
            String types = p.getOrDefault("Types", "");
            String enabled = p.getOrDefault("Enabled", "yes");
            if (!List.of(types.split("\\s+")).contains("deb") || enabled.equalsIgnoreCase("no")) {
                continue;
            }
            String uris = p.get("URIs");
            if (uris == null) {
                continue;
            }
            String suites = p.getOrDefault("Suites", "");
            if (suites.contains("-security")) {
                continue; // the security archive has its own layout and only a part of the packages
            }
            for (String u : uris.split("\\s+")) {
                if (!u.isBlank()) {
                    out.add(normalize(u));
                }
            }
        }
    }

    private static void fromOneLine(String text, List<URI> out) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("deb ")) {
                continue;
            }
            String[] parts =
                    l.substring(4).strip().replaceFirst("^\\[[^]]*]\\s*", "").split("\\s+");
            if (parts.length >= 2 && !parts[1].contains("-security")) {
                out.add(normalize(parts[0]));
            }
        }
    }

    private static boolean isMainArchive(URI u) {
        String path = u.getPath() == null ? "" : u.getPath();
        return !path.contains("security") && !path.contains("ports") && !path.contains("backports");
    }

    private static URI normalize(String u) {
        return URI.create(u.endsWith("/") ? u : u + "/");
    }
}
