package io.crossroot.cli;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.util.Settings;
import io.crossroot.util.UsageError;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every command that reads a Debian mirror ('rootfs' reads rpm-md repositories with them too). */
final class RepositoryOptions {
    @Option(
            names = "--mirror",
            paramLabel = "URL",
            converter = Converters.MirrorUrl.class,
            description =
                    "Debian mirror (http, https or file URL); for 'rootfs' also an rpm-md repository (repeatable "
                            + "there: OS, everything, update). Default: the config file's 'mirror:', else the host's apt mirror.")
    List<URI> mirrors;

    @Option(
            names = "--keyring",
            paramLabel = "FILE",
            description = "Trusted OpenPGP keyring (repeatable); replaces Debian's archive keyring. For rpm-md "
                    + "repositories: the distribution's key files.")
    List<Path> keyrings;

    @Option(
            names = "--snapshot",
            description = "The mirror is a frozen snapshot: accept a Release past its Valid-Until date.")
    boolean snapshot;

    /** The --mirror URLs given (none: the default Debian mirror). */
    List<URI> mirrors() {
        return mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /** The --keyring files given. */
    List<Path> keyrings() {
        return keyrings == null ? List.of() : List.copyOf(keyrings);
    }

    DebianRepository open(String suite) {
        if (mirrors().size() > 1) {
            throw new UsageError("--mirror was given " + mirrors().size() + " times, but a Debian repository is one "
                    + "mirror (several are for rpm-md repositories): give one --mirror.");
        }
        Settings settings = Settings.load();
        URI m = mirrors().isEmpty()
                ? settings.mirror().orElseGet(MirrorLocator::hostDefault)
                : mirrors().get(0);
        List<Path> keys = !keyrings().isEmpty() ? keyrings() : settingsKeyrings(settings);
        return open(m, suite, keys, snapshot);
    }

    /**
     * The Debian mirror that host tools and qemu come from when --mirror and --keyring name rpm-md repositories:
     * the config file's mirror, else the host's apt mirror, with Debian's keys.
     */
    DebianRepository openHost(String suite) {
        Settings settings = Settings.load();
        return open(settings.mirror().orElseGet(MirrorLocator::hostDefault), suite, settingsKeyrings(settings), false);
    }

    private static List<Path> settingsKeyrings(Settings settings) {
        return !settings.keyrings().isEmpty() ? settings.keyrings() : List.of(Keyring.DEBIAN_ARCHIVE);
    }

    private static DebianRepository open(URI mirror, String suite, List<Path> keys, boolean snapshot) {
        URI m = mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
        return DebianRepository.open(RepositoryConfig.builder()
                .mirror(m)
                .suite(suite)
                .keyrings(keys)
                .snapshot(snapshot)
                .build());
    }
}
