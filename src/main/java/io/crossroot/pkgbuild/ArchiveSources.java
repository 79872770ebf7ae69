package io.crossroot.pkgbuild;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.MirrorFileNotFoundError;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.Version;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Source packages from a suite's Sources index (main). Every file of the chosen version is fetched and checked
 * against the index's Checksums-Sha256 (which the signed Release vouches for) before any is handed out: a file
 * the mirror lacks fails the whole fetch, naming the file and its URL.
 */
public final class ArchiveSources {
    private final DebianRepository repo;
    private final DownloadListener downloads;
    private final List<String> components;

    /** Sources of the main component. */
    public ArchiveSources(DebianRepository repo, DownloadListener downloads) {
        this(repo, downloads, List.of("main"));
    }

    public ArchiveSources(DebianRepository repo, DownloadListener downloads, List<String> components) {
        this.repo = repo;
        this.downloads = downloads;
        this.components = List.copyOf(components);
    }

    /** The highest version of source package {@code name} in the suite. */
    public Paragraph find(String name) {
        Paragraph[] best = new Paragraph[1];
        repo.forEachSource(components, p -> {
            if (name.equals(p.get("Package")) && (best[0] == null || version(p).compareTo(version(best[0])) > 0)) {
                best[0] = p;
            }
        });
        if (best[0] == null) {
            throw new UserError("The suite " + repo.config().suite() + " has no source package '" + name + "' in its "
                    + String.join(", ", components)
                    + " Sources index. Check the name (a source package, e.g. 'bash', not a binary "
                    + "package like 'libreadline8') or choose another suite with --suite.");
        }
        return best[0];
    }

    private static Version version(Paragraph p) {
        return Version.parse(p.getOrDefault("Version", "0"));
    }

    /** Fetches (and verifies) every file of source package {@code name} and copies them into {@code dir}. */
    public SourcePackage fetch(String name, Path dir) {
        Paragraph p = find(name);
        String version = p.get("Version");
        List<HashedFile> files = HashedFile.ofSource(p);
        List<Path> blobs;
        try {
            blobs = repo.fetchAll(files, downloads);
        } catch (MirrorFileNotFoundError e) {
            throw missing(name, version, files, e);
        }
        try {
            Files.createDirectories(dir);
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path target = dir.resolve(fileName(files.get(i)));
                Files.copy(blobs.get(i), target, StandardCopyOption.REPLACE_EXISTING);
                out.add(target);
            }
            Path dsc = out.stream()
                    .filter(f -> f.getFileName().toString().endsWith(".dsc"))
                    .findFirst()
                    .orElseThrow(() -> new UserError("The Sources entry of " + name + " " + version
                            + " lists no .dsc, so it cannot be unpacked."));
            // The .dsc itself carries Build-Depends-Arch, which older Sources indexes may omit.
            return new SourcePackage(name, version, DscFile.read(dsc), dsc, out, null);
        } catch (IOException e) {
            throw DiskErrors.map(e, "copying the sources of " + name + " to " + dir);
        }
    }

    private UserError missing(String name, String version, List<HashedFile> files, MirrorFileNotFoundError e) {
        String file = files.stream()
                .map(ArchiveSources::fileName)
                .filter(f -> e.url().endsWith("/" + f))
                .findFirst()
                .orElse("one of its files");
        return new UserError(
                "Source package " + name + " " + version + " of "
                        + repo.config().suite()
                        + " cannot be fetched: the mirror lacks " + file + " (" + e.url()
                        + "), although the signed Sources "
                        + "index lists it. Nothing was unpacked. Try another suite (e.g. --suite sid --snapshot), another "
                        + "mirror (--mirror URL), or a local .dsc with all its files.",
                e);
    }

    static String fileName(HashedFile f) {
        return f.path().substring(f.path().lastIndexOf('/') + 1);
    }
}
