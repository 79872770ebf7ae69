package io.crossroot.rpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Debian's dnf installing from the {@link RpmFixtureRepo} into a riscv64 root: the command line that works with
 * Debian 12's dnf 4.14, shared by the tests that hold crossroot to what dnf does.
 */
public final class DnfFixtureInstall {
    private DnfFixtureInstall() {}

    /**
     * Runs {@code dnf install requests} into {@code root} ({@code work} holds dnf's cache and logs), with weak
     * dependencies on or off and {@code extraOptions} (e.g. --setopt=tsflags=noscripts) before the command.
     */
    public static void install(
            RpmFixtureRepo fixture,
            Path work,
            Path root,
            boolean weakDeps,
            List<String> extraOptions,
            List<String> requests)
            throws IOException, InterruptedException {
        Path cache = Files.createDirectories(work.resolve("dnf-cache"));
        Path log = Files.createDirectories(work.resolve("dnf-log"));
        List<String> command = new ArrayList<>(List.of(
                "dnf",
                "-y",
                "-q",
                "--forcearch=riscv64",
                "--installroot=" + root,
                "--releasever=1",
                "--repofrompath=fixture," + fixture.repo(),
                "--repo=fixture",
                "--setopt=reposdir=/dev/null",
                "--setopt=cachedir=" + cache,
                "--setopt=logdir=" + log,
                "--setopt=fixture.gpgcheck=1",
                "--setopt=fixture.repo_gpgcheck=1",
                "--setopt=fixture.gpgkey=" + fixture.publicKey().toUri(),
                "--setopt=install_weak_deps=" + (weakDeps ? "True" : "False"),
                "--nodocs"));
        command.addAll(extraOptions);
        command.add("install");
        command.addAll(requests);
        try {
            RpmFixtureRepo.run(work, Map.of(), command.toArray(String[]::new));
        } finally {
            stopKeyAgents(cache);
        }
    }

    /** The NEVRAs rpm lists as installed in {@code root}, without the gpg-pubkey entries of imported keys. */
    public static SortedSet<String> installedNevras(Path work, Path root) throws IOException, InterruptedException {
        String out = new String(
                RpmFixtureRepo.run(work, Map.of(), "rpm", "--root", root.toString(), "-qa", "--qf", "%{NEVRA}\\n"),
                StandardCharsets.UTF_8);
        TreeSet<String> nevras = new TreeSet<>();
        out.lines().filter(l -> !l.startsWith("gpg-pubkey-")).forEach(nevras::add);
        return nevras;
    }

    /** dnf checks repomd.xml.asc with a gpg keyring in its cache; end that keyring's agent, no process stays. */
    private static void stopKeyAgents(Path cache) throws IOException, InterruptedException {
        List<Path> homes = new ArrayList<>();
        try (Stream<Path> all = Files.walk(cache)) {
            all.filter(p -> p.getFileName().toString().equals("pubring") && Files.isDirectory(p))
                    .forEach(homes::add);
        }
        for (Path home : homes) {
            RpmFixtureRepo.run(cache, Map.of(), "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
        }
    }
}
