package io.crossroot.cli;

import io.crossroot.debian.DownloadPolicy;
import io.crossroot.debian.MirrorClient;
import io.crossroot.debian.MirrorFileNotFoundError;
import io.crossroot.rpm.repo.RepoDefinition;
import io.crossroot.rpm.repo.RepoFileParser;
import io.crossroot.rpm.repo.RepoKeys;
import io.crossroot.rpm.repo.RepoTrust;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.rpm.repo.RpmRepoConfig;
import io.crossroot.rpm.repo.RpmRepoSet;
import io.crossroot.util.UsageError;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** What says a build reads rpm-md repositories, and the options only those have. */
final class RpmRepositoryOptions {
    static final String DEB = "deb";
    static final String RPM_MD = "rpm-md";

    @Option(
            names = "--repo-type",
            paramLabel = "TYPE",
            description = "deb or rpm-md (default: rpm-md when the first --mirror has repodata/repomd.xml or a "
                    + "--repo-file is given, else deb).")
    String repoType;

    @Option(
            names = "--repo-file",
            paramLabel = "FILE",
            description = "A dnf .repo file (repeatable): its enabled repositories are read ($basearch from --arch, "
                    + "$releasever from --releasever); their gpgkey files are trusted besides --keyring.")
    List<Path> repoFiles = new ArrayList<>();

    @Option(
            names = "--releasever",
            paramLabel = "VERSION",
            description = "rpm-md: the release that $releasever stands for in --mirror and .repo URLs (e.g. 24.03).")
    String releasever;

    @Option(
            names = "--no-weak-deps",
            description = "rpm-md: do not install weak dependencies (Recommends, Supplements), as dnf's "
                    + "install_weak_deps=False.")
    boolean noWeakDeps;

    /**
     * Whether the build reads rpm-md repositories: as --repo-type says, else when a .repo file is given or the first
     * mirror has repodata/repomd.xml (probed once; a Debian mirror has none) or a dnf variable.
     */
    boolean isRpmMd(List<URI> mirrors) {
        if (repoType != null) {
            String type = repoType.toLowerCase(Locale.ROOT);
            if (!type.equals(DEB) && !type.equals(RPM_MD)) {
                throw new UsageError("--repo-type is '" + repoType + "'; give deb or rpm-md.");
            }
            if (type.equals(DEB) && !repoFiles.isEmpty()) {
                throw new UsageError("--repo-file reads dnf repositories, but --repo-type is deb: drop one of them.");
            }
            return type.equals(RPM_MD);
        }
        if (!repoFiles.isEmpty()) {
            return true;
        }
        // dnf's variables appear only in rpm-md URLs
        return !mirrors.isEmpty() && (mirrors.get(0).toString().contains("$") || hasRepomd(mirrors.get(0)));
    }

    /** Refuses the rpm-md options in a Debian build. */
    void requireUnusedForDebian() {
        if (releasever != null || noWeakDeps) {
            throw new UsageError((releasever != null ? "--releasever" : "--no-weak-deps") + " applies to rpm-md "
                    + "repositories only, and this build reads a Debian mirror; drop it, or give an rpm-md "
                    + "repository (--mirror URL with repodata/, --repo-type rpm-md).");
        }
    }

    boolean weakDeps() {
        return !noWeakDeps;
    }

    /**
     * The repositories for {@code rpmArch}: each mirror, trusted with {@code keyrings}, then each enabled repository
     * of the .repo files, trusted with {@code keyrings} and its own gpgkey files. Packages must be signed by them,
     * and a repomd.xml.asc, when published (required where a .repo file says repo_gpgcheck=1), must verify.
     */
    List<RpmMdRepository> open(List<URI> mirrors, List<Path> keyrings, String rpmArch, Path cacheDir) {
        Map<String, String> variables = RpmRepoSet.variables(rpmArch, releasever);
        List<RpmMdRepository> out = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI url = RpmRepoSet.url(mirror.toString(), variables, "--mirror");
            out.add(RpmMdRepository.open(
                    new RpmRepoConfig(url, requireKeys(keyrings, url), RepoTrust.SIGNED_PACKAGES, cacheDir)));
        }
        for (Path file : repoFiles) {
            for (RepoDefinition repo : RepoFileParser.parse(read(file), file.toString(), variables)) {
                if (!repo.enabled()) {
                    continue;
                }
                List<Path> keys = new ArrayList<>(keyrings);
                keys.addAll(RepoKeys.files(repo.gpgKeys(), cacheDir, List.of()));
                URI url = repo.baseUrls().get(0);
                RepoTrust trust = repo.repoGpgcheck() ? RepoTrust.SIGNED_REPOMD : RepoTrust.SIGNED_PACKAGES;
                out.add(RpmMdRepository.open(new RpmRepoConfig(url, requireKeys(keys, url), trust, cacheDir)));
            }
        }
        if (out.isEmpty()) {
            throw new UserError(
                    "No enabled repository in " + repoFiles + ": enable one (enabled=1) or give " + "--mirror URL.");
        }
        return out;
    }

    private static List<Path> requireKeys(List<Path> keys, URI repo) {
        if (keys.isEmpty()) {
            throw new UserError("No key to check the packages of the rpm-md repository " + repo + " against: "
                    + "crossroot installs only signed packages. Give the distribution's public key with --keyring FILE "
                    + "(e.g. RPM-GPG-KEY-openEuler from the repository's top directory, or Fedora's from "
                    + "/etc/pki/rpm-gpg of a Fedora system).");
        }
        return keys;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UserError("Cannot read the repository file " + file + ": " + e.getMessage() + ".", e);
        }
    }

    private static boolean hasRepomd(URI mirror) {
        MirrorClient client = new MirrorClient(mirror, DownloadPolicy.DEFAULT);
        try {
            client.readSmall(client.resolve("repodata/repomd.xml"), "");
            return true;
        } catch (MirrorFileNotFoundError e) {
            return false;
        }
    }
}
