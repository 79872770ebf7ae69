package io.crossroot.cli;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.util.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every command that reads a Debian mirror. */
final class RepositoryOptions {
    @Option(
            names = "--mirror",
            paramLabel = "URL",
            converter = Converters.MirrorUrl.class,
            description =
                    "Debian mirror (http, https or file URL). Default: the config file's 'mirror:', else the host's apt mirror.")
    URI mirror;

    @Option(
            names = "--keyring",
            paramLabel = "FILE",
            description = "Trusted OpenPGP keyring (repeatable); replaces Debian's archive keyring.")
    List<Path> keyrings;

    @Option(
            names = "--snapshot",
            description = "The mirror is a frozen snapshot: accept a Release past its Valid-Until date.")
    boolean snapshot;

    DebianRepository open(String suite) {
        Settings settings = Settings.load();
        URI m = mirror != null ? mirror : settings.mirror().orElseGet(MirrorLocator::hostDefault);
        if (!m.toString().endsWith("/")) {
            m = URI.create(m + "/");
        }
        List<Path> keys = keyrings != null && !keyrings.isEmpty()
                ? keyrings
                : !settings.keyrings().isEmpty() ? settings.keyrings() : List.of(Keyring.DEBIAN_ARCHIVE);
        return DebianRepository.open(RepositoryConfig.builder()
                .mirror(m)
                .suite(suite)
                .keyrings(keys)
                .snapshot(snapshot)
                .build());
    }
}
