package io.crossroot.rpm.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.Keyring;
import io.crossroot.debian.Signer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures and digests of packages signed here with rpmsign by an RSA and an ed25519 key. */
class RpmSignatureVerifierTest {
    @TempDir
    Path tmp;

    private static RpmTestPackages.Built built() {
        return RpmTestPackages.get();
    }

    @Test
    void anRsaSignedPackageVerifiesWithItsKey() {
        Keyring rsa = Keyring.load(List.of(built().rsaKey()));
        Signer s = new RpmSignatureVerifier(rsa).verify(RpmFile.open(built().rsaSigned()));
        assertThat(s.primaryFingerprint()).isEqualTo(rsa.fingerprints().get(0));
        assertThat(s.userId()).contains("rsa@crossroot.test");
    }

    @Test
    void anEd25519SignedPackageVerifiesWithItsKey() {
        Keyring ed = Keyring.load(List.of(built().edKey()));
        Signer s = new RpmSignatureVerifier(ed).verify(RpmFile.open(built().edSigned()));
        assertThat(s.primaryFingerprint()).isEqualTo(ed.fingerprints().get(0));
    }

    @Test
    void theWrongKeyIsRefusedNamingTheFileAndTheSigner() {
        Keyring ed = Keyring.load(List.of(built().edKey()));
        Path rpm = built().rsaSigned();
        assertThatThrownBy(() -> new RpmSignatureVerifier(ed).verify(RpmFile.open(rpm)))
                .isInstanceOf(RpmUntrustedKeyError.class)
                .hasMessageContaining(rpm.toString())
                .hasMessageContaining("not in the keyring");
    }

    @Test
    void anUnsignedPackageIsRefused() {
        Keyring rsa = Keyring.load(List.of(built().rsaKey()));
        Path rpm = built().byCompressor().get("gzip");
        RpmSignatureVerifier.checkDigests(RpmFile.open(rpm)); // its digests are fine
        assertThatThrownBy(() -> new RpmSignatureVerifier(rsa).verify(RpmFile.open(rpm)))
                .isInstanceOf(RpmUnsignedError.class)
                .hasMessageContaining(rpm.toString());
    }

    @Test
    void aDamagedPayloadFailsItsDigest() throws Exception {
        Path rpm = copy(built().rsaSigned());
        byte[] b = Files.readAllBytes(rpm);
        b[b.length - 40] ^= 1;
        Files.write(rpm, b);
        Keyring rsa = Keyring.load(List.of(built().rsaKey()));
        assertThatThrownBy(() -> new RpmSignatureVerifier(rsa).verify(RpmFile.open(rpm)))
                .isInstanceOf(RpmDigestMismatchError.class)
                .hasMessageContaining(rpm.toString())
                .hasMessageContaining("PAYLOADDIGEST");
    }

    @Test
    void aDamagedHeaderFailsItsDigest() throws Exception {
        Path rpm = copy(built().rsaSigned());
        RpmFile f = RpmFile.open(rpm);
        byte[] b = Files.readAllBytes(rpm);
        int at = (int) f.payloadOffset() - 3; // the last bytes of the header's data: a string
        b[at] ^= 1;
        Files.write(rpm, b);
        assertThatThrownBy(() -> RpmSignatureVerifier.checkDigests(RpmFile.open(rpm)))
                .isInstanceOf(RpmDigestMismatchError.class)
                .hasMessageContaining("SHA256HEADER");
    }

    @Test
    void aTruncatedPackageFailsItsSize() throws Exception {
        Path rpm = copy(built().rsaSigned());
        byte[] b = Files.readAllBytes(rpm);
        Files.write(rpm, java.util.Arrays.copyOf(b, b.length - 10));
        assertThatThrownBy(() -> RpmSignatureVerifier.checkDigests(RpmFile.open(rpm)))
                .isInstanceOf(RpmDigestMismatchError.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void anAlteredSignatureIsBad() throws Exception {
        Path rpm = copy(built().rsaSigned());
        RpmFile f = RpmFile.open(rpm);
        HeaderStructure.Entry sig = f.signature().entry(RpmTags.SIG_RSAHEADER).orElseThrow();
        byte[] b = Files.readAllBytes(rpm);
        int il = ByteBuffer.wrap(b).getInt(RpmFile.LEAD_SIZE + 8);
        int at = RpmFile.LEAD_SIZE + 16 + il * 16 + sig.offset() + sig.length() - 1; // the signature value's last byte
        b[at] ^= 1;
        Files.write(rpm, b);
        Keyring rsa = Keyring.load(List.of(built().rsaKey()));
        assertThatThrownBy(() -> new RpmSignatureVerifier(rsa).verify(RpmFile.open(rpm)))
                .isInstanceOf(RpmBadSignatureError.class)
                .hasMessageContaining(rpm.toString());
    }

    private Path copy(Path rpm) throws Exception {
        Path out = tmp.resolve(rpm.getFileName());
        Files.copy(rpm, out);
        return out;
    }
}
