package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final Keyring DEBIAN = Keyring.debianArchive();
    private static final String SOURCE = "fixtures/trixie-InRelease";

    /** Subkeys that made trixie's three signatures, as gpgv reports ("using ... key"). */
    private static final List<String> TRIXIE_SIGNING_KEYS = List.of(
            "4CB50190207B4758A3F73A796ED0E7B82643E131",
            "B8E5F13176D2A7A75220028078DBA3BC47EF2265",
            "41587F7DB8C774BCCF131416762F67A0B2C39DE4");

    @Test
    void verifiesRealInReleaseAndReturnsTheSignedText() {
        byte[] file = Fixtures.bytes("trixie-InRelease");
        SignedContent signed = new SignatureVerifier(DEBIAN).verifyClearsigned(file, SOURCE);

        assertThat(signed.signers())
                .extracting(Signer::fingerprint)
                .containsExactlyInAnyOrderElementsOf(TRIXIE_SIGNING_KEYS);
        assertThat(signed.signers())
                .allSatisfy(s -> assertThat(DEBIAN.fingerprints()).contains(s.primaryFingerprint()));
        // The signed part is what lies between the armor header's blank line and the signature block.
        String raw = new String(file, StandardCharsets.UTF_8);
        String body = raw.substring(raw.indexOf("\n\n") + 2, raw.indexOf("-----BEGIN PGP SIGNATURE-----"));
        assertThat(signed.text()).isEqualTo(body).startsWith("Origin: Debian\n");
    }

    @Test
    void oneTrustedGoodSignatureSufficesOthersAreIgnored() {
        // Keep only the ring of the Ed25519 stable release key; the two RSA signatures are then by unknown keys.
        Keyring onlyRelease = DEBIAN.retain(List.of("41587F7DB8C774BCCF131416762F67A0B2C39DE4"));
        SignedContent signed =
                new SignatureVerifier(onlyRelease).verifyClearsigned(Fixtures.bytes("trixie-InRelease"), SOURCE);
        assertThat(signed.signers())
                .extracting(Signer::fingerprint)
                .containsExactly("41587F7DB8C774BCCF131416762F67A0B2C39DE4");
    }

    @Test
    void signaturesOnlyByUnknownKeysAreRejected() {
        SignedContent ok = new SignatureVerifier(DEBIAN).verifyClearsigned(Fixtures.bytes("trixie-InRelease"), SOURCE);
        List<String> others = DEBIAN.fingerprints().stream()
                .filter(f -> ok.signers().stream()
                        .noneMatch(s -> s.primaryFingerprint().equals(f)))
                .toList();
        assertThat(others).isNotEmpty();
        assertThatThrownBy(() -> new SignatureVerifier(DEBIAN.retain(others))
                        .verifyClearsigned(Fixtures.bytes("trixie-InRelease"), SOURCE))
                .isInstanceOf(UntrustedSignatureError.class)
                .hasMessageContaining(SOURCE)
                .hasMessageContaining("not in the keyring")
                .hasMessageContaining("--keyring FILE");
    }

    @Test
    void aModifiedByteMakesTheSignatureBad() {
        byte[] file = Fixtures.bytes("trixie-InRelease");
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("Codename: trixie") + "Codename: ".length();
        file[at] = 'T';
        assertThatThrownBy(() -> new SignatureVerifier(DEBIAN).verifyClearsigned(file, SOURCE))
                .isInstanceOf(BadSignatureError.class)
                .hasMessageContaining(SOURCE)
                .hasMessageContaining("BAD");
    }

    @Test
    void aBadSignatureByATrustedKeyFailsEvenBesideGoodOnes() throws Exception {
        // Swap trixie's signature by the bookworm archive key for that key's signature of forky's Release: two
        // good signatures remain, plus one bad one by a trusted key. apt fails such a file; so must we.
        byte[] inRelease = Fixtures.bytes("trixie-InRelease");
        String text = new String(inRelease, StandardCharsets.US_ASCII);
        int sigStart = text.indexOf("-----BEGIN PGP SIGNATURE-----");
        long swapped = new java.math.BigInteger(TRIXIE_SIGNING_KEYS.get(0).substring(24), 16).longValue();
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        for (PGPSignature sig : signatures(text.substring(sigStart).getBytes(StandardCharsets.US_ASCII))) {
            if (sig.getKeyID() != swapped) {
                packets.write(sig.getEncoded());
            }
        }
        int good = packets.size();
        for (PGPSignature sig : signatures(Fixtures.bytes("forky-Release.gpg"))) {
            if (sig.getKeyID() == swapped) {
                packets.write(sig.getEncoded());
            }
        }
        assertThat(good).isPositive();
        assertThat(packets.size()).isGreaterThan(good);
        String mixed = text.substring(0, sigStart) + KeyringTest.armor(packets.toByteArray());

        assertThatThrownBy(() -> new SignatureVerifier(DEBIAN)
                        .verifyClearsigned(mixed.getBytes(StandardCharsets.US_ASCII), SOURCE))
                .isInstanceOf(BadSignatureError.class)
                .hasMessageContaining(TRIXIE_SIGNING_KEYS.get(0));
    }

    private static List<PGPSignature> signatures(byte[] armored) throws Exception {
        List<PGPSignature> out = new java.util.ArrayList<>();
        var factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(armored)));
        Object o;
        while ((o = factory.nextObject()) != null) {
            ((PGPSignatureList) o).forEach(out::add);
        }
        return out;
    }

    @Test
    void unsignedOrMalformedFilesAreRejected() {
        String text = new String(Fixtures.bytes("trixie-InRelease"), StandardCharsets.US_ASCII);
        String unsigned = text.substring(text.indexOf("\n\n") + 2, text.indexOf("-----BEGIN PGP SIGNATURE-----"));
        String noSignature = text.substring(0, text.indexOf("-----BEGIN PGP SIGNATURE-----"));
        String truncated = text.substring(0, text.indexOf("-----END PGP SIGNATURE-----"));
        String trailing = text + "Origin: Evil\n";
        String leading = "Origin: Evil\n" + text;
        for (String bad : List.of(unsigned, noSignature, truncated, trailing, leading)) {
            assertThatThrownBy(() -> new SignatureVerifier(DEBIAN)
                            .verifyClearsigned(bad.getBytes(StandardCharsets.US_ASCII), SOURCE))
                    .isInstanceOf(UntrustedSignatureError.class)
                    .hasMessageContaining(SOURCE);
        }
    }

    @Test
    void dashEscapedLinesAreUnescapedAndTrailingBlanksDropped() {
        // Made with gpg --clearsign; the expected text is what gpg --decrypt printed.
        Keyring testKey = Keyring.load(List.of(Fixtures.path("test-key.asc")));
        SignedContent signed = new SignatureVerifier(testKey)
                .verifyClearsigned(Fixtures.bytes("dash-escaped.txt.asc"), "dash-escaped.txt.asc");
        assertThat(signed.text()).isEqualTo(new String(Fixtures.bytes("dash-escaped.txt"), StandardCharsets.UTF_8));
        assertThat(signed.text()).contains("\n-----BEGIN PGP SIGNATURE----- inside the text\n");
    }

    @Test
    void unescapedDashLineIsRejected() {
        String file = new String(Fixtures.bytes("dash-escaped.txt.asc"), StandardCharsets.US_ASCII)
                .replace("- - this line", "-- this line");
        Keyring testKey = Keyring.load(List.of(Fixtures.path("test-key.asc")));
        assertThatThrownBy(() ->
                        new SignatureVerifier(testKey).verifyClearsigned(file.getBytes(StandardCharsets.US_ASCII), "x"))
                .isInstanceOf(UntrustedSignatureError.class)
                .hasMessageContaining("dash-escaped");
    }

    @Test
    void verifiesDetachedReleaseSignature() {
        byte[] release = Fixtures.bytes("forky-Release");
        SignedContent signed = new SignatureVerifier(DEBIAN)
                .verifyDetached(release, Fixtures.bytes("forky-Release.gpg"), "forky/Release");
        assertThat(signed.text()).isEqualTo(new String(release, StandardCharsets.UTF_8));
        assertThat(signed.signers()).isNotEmpty();

        byte[] tampered = Arrays.copyOf(release, release.length);
        tampered[100] ^= 1;
        assertThatThrownBy(() -> new SignatureVerifier(DEBIAN)
                        .verifyDetached(tampered, Fixtures.bytes("forky-Release.gpg"), "forky/Release"))
                .isInstanceOf(BadSignatureError.class)
                .hasMessageContaining("forky/Release");
    }
}
