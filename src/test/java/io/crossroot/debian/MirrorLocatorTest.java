package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorLocatorTest {
    @Test
    void takesTheMainArchiveFromDeb822SourcesAndSkipsSecurity(@TempDir Path apt) throws IOException {
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
                Types: deb
                URIs: http://security.example/debian-security
                Suites: bookworm-security
                Components: main

                Types: deb
                # a comment
                URIs: http://archive.example/debian
                Suites: bookworm bookworm-updates
                Components: main
                """);
        assertThat(new MirrorLocator(apt).find()).contains(URI.create("http://archive.example/debian/"));
    }

    @Test
    void readsOneLineSourcesList(@TempDir Path apt) throws IOException {
        Files.writeString(apt.resolve("sources.list"), """
                # deb http://old.example/debian bookworm main
                deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://one.example/debian bookworm main
                """);
        assertThat(new MirrorLocator(apt).find()).contains(URI.create("http://one.example/debian/"));
    }

    @Test
    void hostConfigurationNamesAMirror() {
        // this machine's apt configuration is where tests, like users, find the mirror
        assertThat(MirrorLocator.hostDefault().getScheme()).isIn("http", "https", "file");
    }

    @Test
    void nothingConfiguredFindsNothing(@TempDir Path apt) {
        assertThat(new MirrorLocator(apt).find()).isEmpty();
    }
}
