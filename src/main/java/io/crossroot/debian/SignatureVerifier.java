package io.crossroot.debian;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Verifies repository signatures as apt does: one good signature by a trusted key suffices; signatures by
 * unknown, expired or revoked keys, or with weak digests, are ignored; a bad signature by a trusted key fails
 * the whole file.
 */
public final class SignatureVerifier {
    private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
    // apt treats these as worthless: collisions can be forged.
    private static final Set<Integer> WEAK_HASHES =
            Set.of(HashAlgorithmTags.MD5, HashAlgorithmTags.SHA1, HashAlgorithmTags.RIPEMD160);

    private final Keyring keyring;

    public SignatureVerifier(Keyring keyring) {
        this.keyring = keyring;
    }

    /** Verifies a clearsigned file (InRelease); {@code source} (URL or path) names it in errors. */
    public SignedContent verifyClearsigned(byte[] file, String source) {
        ClearsignedParts parts = ClearsignedParts.split(file, source, this::untrusted);
        List<Signer> signers = verify(parts.signature(), parts.signedBytes(), source);
        return new SignedContent(new String(parts.text(), StandardCharsets.UTF_8), signers);
    }

    /** Verifies {@code data} (Release) against a detached signature (Release.gpg, armored or binary). */
    public SignedContent verifyDetached(byte[] data, byte[] signature, String source) {
        List<Signer> signers = verify(signature, data, source);
        // Return what apt would parse; the signature covered the raw bytes.
        return new SignedContent(new String(data, StandardCharsets.UTF_8), signers);
    }

    private List<Signer> verify(byte[] signatureBlock, byte[] data, String source) {
        List<PGPSignature> signatures = readSignatures(signatureBlock, source);
        List<Signer> good = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (PGPSignature sig : signatures) {
            Optional<Keyring.Entry> entry = lookup(sig);
            String keyName = entry.map(e -> Keyring.fingerprint(e.key())).orElse(issuer(sig));
            if (entry.isEmpty()) {
                ignored.add(keyName + " (not in the keyring)");
                continue;
            }
            Keyring.Entry e = entry.get();
            Optional<String> unusable = unusable(e, sig);
            if (unusable.isPresent()) {
                ignored.add(keyName + " (" + unusable.get() + ")");
                continue;
            }
            if (!matches(sig, e.key(), data, source)) {
                throw new BadSignatureError(
                        source,
                        "the signature by trusted key " + keyName + " (" + userId(e.primary())
                                + ") does not match the signed content");
            }
            if (WEAK_HASHES.contains(sig.getHashAlgorithm())) {
                ignored.add(keyName + " (weak digest algorithm)");
                continue;
            }
            good.add(new Signer(
                    keyName,
                    Keyring.fingerprint(e.primary()),
                    userId(e.primary()),
                    sig.getCreationTime().toInstant()));
        }
        if (good.isEmpty()) {
            throw untrusted(
                    source,
                    "it has no good signature by a trusted key; signatures found: "
                            + (ignored.isEmpty() ? "none" : String.join(", ", ignored)));
        }
        return good;
    }

    private UntrustedSignatureError untrusted(String source, String detail) {
        return new UntrustedSignatureError(source, detail, keyring.describe());
    }

    private List<PGPSignature> readSignatures(byte[] block, String source) {
        List<PGPSignature> out = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            Object o;
            while ((o = factory.nextObject()) != null) {
                if (!(o instanceof PGPSignatureList list)) {
                    throw untrusted(
                            source,
                            "its signature block holds a " + o.getClass().getSimpleName() + " instead of signatures");
                }
                list.forEach(out::add);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UntrustedSignatureError u) {
                throw u;
            }
            throw untrusted(source, "its signature block cannot be read (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw untrusted(source, "it carries no signature");
        }
        return out;
    }

    private Optional<Keyring.Entry> lookup(PGPSignature sig) {
        Optional<Keyring.Entry> byId = sig.getKeyID() == 0 ? Optional.empty() : keyring.find(sig.getKeyID());
        if (byId.isPresent()) {
            return byId;
        }
        IssuerFingerprint fp = sig.getHashedSubPackets() == null
                ? null
                : sig.getHashedSubPackets().getIssuerFingerprint();
        return fp == null ? Optional.empty() : keyring.find(fp.getFingerprint());
    }

    private static String issuer(PGPSignature sig) {
        IssuerFingerprint fp = sig.getHashedSubPackets() == null
                ? null
                : sig.getHashedSubPackets().getIssuerFingerprint();
        if (fp != null) {
            return java.util.HexFormat.of().withUpperCase().formatHex(fp.getFingerprint());
        }
        return String.format("%016X", sig.getKeyID());
    }

    /** Why a trusted key cannot vouch for this signature, if it cannot. */
    private static Optional<String> unusable(Keyring.Entry e, PGPSignature sig) {
        Date made = sig.getCreationTime();
        for (PGPPublicKey k : List.of(e.key(), e.primary())) {
            if (k.hasRevocation()) {
                return Optional.of("revoked");
            }
            long valid = k.getValidSeconds();
            if (valid > 0
                    && made.toInstant().isAfter(k.getCreationTime().toInstant().plusSeconds(valid))) {
                return Optional.of("expired before the signature was made");
            }
        }
        return Optional.empty();
    }

    private static boolean matches(PGPSignature sig, PGPPublicKey key, byte[] data, String source) {
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
            sig.update(data);
            return sig.verify();
        } catch (PGPException | RuntimeException e) {
            throw new BadSignatureError(
                    source,
                    "the signature by trusted key " + Keyring.fingerprint(key) + " cannot be checked (" + e.getMessage()
                            + ")");
        }
    }

    private static String userId(PGPPublicKey primary) {
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? ids.next() : "no user id";
    }

    /**
     * The parts of a clearsigned message (RFC 4880 section 7). Strict like apt: nothing may precede the
     * header or follow the signature, so unsigned text can never be mistaken for signed text.
     */
    private record ClearsignedParts(byte[] text, byte[] signedBytes, byte[] signature) {
        interface Failure {
            UntrustedSignatureError fail(String source, String detail);
        }

        static ClearsignedParts split(byte[] file, String source, Failure failure) {
            // ISO-8859-1 maps bytes 1:1, so the signed bytes are rebuilt exactly even if not valid UTF-8.
            String[] lines = new String(file, StandardCharsets.ISO_8859_1).split("\n", -1);
            int i = 0;
            if (lines.length == 0 || !stripCr(lines[0]).strip().equals(BEGIN_MESSAGE)) {
                throw failure.fail(source, "it is not a clearsigned file (it must start with " + BEGIN_MESSAGE + ")");
            }
            for (i = 1; i < lines.length && !stripCr(lines[i]).isBlank(); i++) {
                if (!stripCr(lines[i]).matches("[A-Za-z][A-Za-z-]*: .*")) {
                    throw failure.fail(source, "line " + (i + 1) + " is not a valid armor header");
                }
            }
            i++;
            ByteArrayOutputStream signed = new ByteArrayOutputStream(file.length);
            ByteArrayOutputStream text = new ByteArrayOutputStream(file.length);
            boolean first = true;
            for (; i < lines.length; i++) {
                String line = stripCr(lines[i]);
                if (line.equals(BEGIN_SIGNATURE)) {
                    break;
                }
                if (line.startsWith("- ")) {
                    line = line.substring(2);
                } else if (line.startsWith("-")) {
                    throw failure.fail(source, "line " + (i + 1) + " starts with '-' but is not dash-escaped");
                }
                String trimmed = line.replaceFirst("[ \t]+$", "");
                if (!first) {
                    signed.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                first = false;
                signed.writeBytes(trimmed.getBytes(StandardCharsets.ISO_8859_1));
                text.writeBytes((trimmed + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (i >= lines.length) {
                throw failure.fail(source, "it has no " + BEGIN_SIGNATURE + " line (the file is truncated)");
            }
            StringBuilder sig = new StringBuilder();
            for (; i < lines.length; i++) {
                String line = stripCr(lines[i]);
                sig.append(line).append('\n');
                if (line.equals(END_SIGNATURE)) {
                    break;
                }
            }
            if (i >= lines.length) {
                throw failure.fail(source, "its signature block has no " + END_SIGNATURE + " line (truncated)");
            }
            for (i++; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    throw failure.fail(source, "text follows the signature at line " + (i + 1));
                }
            }
            return new ClearsignedParts(
                    text.toByteArray(), signed.toByteArray(), sig.toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        private static String stripCr(String line) {
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
