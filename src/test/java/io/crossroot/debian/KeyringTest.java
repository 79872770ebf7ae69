package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {
    @TempDir
    Path tmp;

    @Test
    void loadsDebianBinaryKeyring() {
        Keyring k = Keyring.debianArchive();
        // The trixie archive signing key, as "gpg --show-keys" prints it for this keyring.
        assertThat(k.fingerprints()).contains("04B54C3CDCA79751B16BC6B5225629DF75B188BD");
        assertThat(k.files()).containsExactly(Keyring.DEBIAN_ARCHIVE);
    }

    @Test
    void loadsArmoredKeyringWithSeveralBlocks() throws IOException {
        byte[] binary = Files.readAllBytes(Keyring.DEBIAN_ARCHIVE);
        String block = armor(binary);
        Path asc = tmp.resolve("keys.asc");
        Files.writeString(asc, "comment before\n" + block + "\n" + Files.readString(Fixtures.path("test-key.asc")));

        Keyring armored = Keyring.load(List.of(asc));

        assertThat(armored.fingerprints())
                .containsAll(Keyring.debianArchive().fingerprints())
                .contains("788BF6F302EF7B1024BA871C8A4F926C4D76E39B")
                .hasSize(Keyring.debianArchive().fingerprints().size() + 1);
    }

    @Test
    void combinesFiles() {
        Keyring both = Keyring.load(List.of(Keyring.DEBIAN_ARCHIVE, Fixtures.path("test-key.asc")));
        assertThat(both.fingerprints())
                .hasSize(Keyring.debianArchive().fingerprints().size() + 1);
    }

    @Test
    void missingFileIsAUserError() {
        assertThatThrownBy(() -> Keyring.load(List.of(tmp.resolve("nope.gpg"))))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("nope.gpg")
                .hasMessageContaining("--keyring FILE");
    }

    @Test
    void garbageOrEmptyFileIsAUserError() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("garbage.gpg"), "this is not a keyring\n".repeat(20));
        Path empty = Files.write(tmp.resolve("empty.gpg"), new byte[0]);
        assertThatThrownBy(() -> Keyring.load(List.of(garbage)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("garbage.gpg");
        assertThatThrownBy(() -> Keyring.load(List.of(empty)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no OpenPGP public keys");
    }

    static String armor(byte[] binary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().build(out)) {
            armored.write(binary);
        }
        return out.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
