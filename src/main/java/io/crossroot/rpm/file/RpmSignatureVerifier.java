package io.crossroot.rpm.file;

import io.crossroot.debian.Keyring;
import io.crossroot.debian.Signer;
import io.crossroot.util.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks an .rpm as "rpm -K" does: the digests the signature header keeps (header SHA-256 and SHA-1, header plus
 * payload size and MD5) and the payload digest in the main header, then its OpenPGP signatures: RSAHEADER or
 * DSAHEADER over the main header (which carries the payload digest, so it vouches for the payload), or for old
 * packages PGP/GPG over header and payload. One good signature by a trusted key (RSA or EdDSA) suffices.
 */
public final class RpmSignatureVerifier {
    // As apt and current rpm crypto policies: collisions can be forged.
    private static final Set<Integer> WEAK_HASHES =
            Set.of(HashAlgorithmTags.MD5, HashAlgorithmTags.SHA1, HashAlgorithmTags.RIPEMD160);
    private static final int CHUNK = 1 << 16;

    private final Keyring keyring;

    public RpmSignatureVerifier(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * Verifies {@code rpm} and returns who signed it.
     *
     * @throws RpmUnsignedError       when it has no signature
     * @throws RpmUntrustedKeyError   when no signature is by a trusted key
     * @throws RpmBadSignatureError   when a trusted key's signature does not match
     * @throws RpmDigestMismatchError when a digest does not match
     */
    public Signer verify(RpmFile rpm) {
        HeaderStructure sig = rpm.signature();
        checkDigests(rpm);
        List<byte[]> headerOnly = blobs(sig, RpmTags.SIG_RSAHEADER, RpmTags.SIG_DSAHEADER);
        List<byte[]> wholePackage = blobs(sig, RpmTags.SIG_PGP, RpmTags.SIG_GPG);
        if (headerOnly.isEmpty() && wholePackage.isEmpty()) {
            throw new RpmUnsignedError(rpm.path(), "its signature header holds digests but no OpenPGP signature");
        }
        List<String> ignored = new ArrayList<>();
        byte[] header = rpm.header().structure().bytes();
        if (rpm.header().payloadDigest().isPresent()) {
            for (byte[] blob : headerOnly) {
                Optional<Signer> good = check(rpm, blob, List.of(header), ignored);
                if (good.isPresent()) {
                    return good.get();
                }
            }
        } else if (!headerOnly.isEmpty()) {
            ignored.add("a header signature, which does not cover a payload without a payload digest");
        }
        for (byte[] blob : wholePackage) {
            Optional<Signer> good = check(rpm, blob, null, ignored);
            if (good.isPresent()) {
                return good.get();
            }
        }
        throw new RpmUntrustedKeyError(
                rpm.path(), "signatures found: " + String.join(", ", ignored), keyring.describe());
    }

    /**
     * Checks every digest the package carries, without any key: header SHA-256 (SHA-1 if that is all), the size
     * of header and payload, the payload digest (or, for old packages, the MD5 of header and payload).
     */
    public static void checkDigests(RpmFile rpm) {
        HeaderStructure sig = rpm.signature();
        byte[] header = rpm.header().structure().bytes();
        String sha256 = sig.has(RpmTags.SIG_SHA256HEADER) ? sig.string(RpmTags.SIG_SHA256HEADER) : null;
        String sha1 = sig.has(RpmTags.SIG_SHA1HEADER) ? sig.string(RpmTags.SIG_SHA1HEADER) : null;
        if (sha256 != null) {
            compare(rpm, "header digest (SHA256HEADER)", sha256, digest(DigestAlgorithm.SHA256, rpm, header));
        } else if (sha1 != null) {
            compare(rpm, "header digest (SHA1HEADER)", sha1, digest(DigestAlgorithm.SHA1, rpm, header));
        }
        long[] size = sig.has(RpmTags.SIG_LONGSIZE) ? sig.numbers(RpmTags.SIG_LONGSIZE) : sig.numbers(RpmTags.SIG_SIZE);
        long actualSize = rpm.size() - rpm.headerOffset();
        if (size.length == 1 && size[0] != actualSize) {
            throw new RpmDigestMismatchError(
                    rpm.path(),
                    "recorded size of header and payload",
                    String.valueOf(size[0]),
                    actualSize + " (the file was cut short or has bytes appended)");
        }
        Optional<RpmHeader.Digest> payload = rpm.header().payloadDigest();
        if (payload.isPresent()) {
            MessageDigest md = DigestAlgorithm.create(payload.get().algorithm(), rpm.path());
            hashFrom(rpm, rpm.payloadOffset() - rpm.headerOffset(), md);
            compare(rpm, "payload digest (PAYLOADDIGEST)", payload.get().hex(), RpmHeader.hex(md.digest()));
        } else if (sig.has(RpmTags.SIG_MD5)) {
            MessageDigest md = DigestAlgorithm.create(DigestAlgorithm.MD5, rpm.path());
            hashFrom(rpm, 0, md);
            compare(
                    rpm,
                    "MD5 digest of header and payload",
                    RpmHeader.hex(sig.binary(RpmTags.SIG_MD5)),
                    RpmHeader.hex(md.digest()));
        }
    }

    private static void compare(RpmFile rpm, String what, String expected, String actual) {
        if (!expected.equalsIgnoreCase(actual)) {
            throw new RpmDigestMismatchError(rpm.path(), what, expected, actual);
        }
    }

    private static String digest(int algorithm, RpmFile rpm, byte[] data) {
        return RpmHeader.hex(DigestAlgorithm.create(algorithm, rpm.path()).digest(data));
    }

    /** Feeds the file from {@code skip} bytes after the main header's start to its end into {@code md}. */
    private static void hashFrom(RpmFile rpm, long skip, MessageDigest md) {
        try (InputStream in = rpm.openAtHeader()) {
            in.skipNBytes(skip);
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UserError("Reading " + rpm.path() + " failed: " + e.getMessage() + ".", e);
        }
    }

    private static List<byte[]> blobs(HeaderStructure sig, int... tags) {
        List<byte[]> out = new ArrayList<>();
        for (int tag : tags) {
            byte[] b = sig.binary(tag);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Checks one signature packet over {@code data}, or over header and payload from the file when null; returns
     * the signer when it is good and by a trusted key, notes why not in {@code ignored} otherwise.
     */
    private Optional<Signer> check(RpmFile rpm, byte[] blob, List<byte[]> data, List<String> ignored) {
        for (PGPSignature s : signatures(rpm, blob)) {
            Optional<Keyring.Entry> entry = lookup(s);
            String keyName = entry.map(e -> Keyring.fingerprint(e.key())).orElse(issuer(s));
            if (entry.isEmpty()) {
                ignored.add("by " + keyName + " (not in the keyring)");
                continue;
            }
            Keyring.Entry e = entry.get();
            if (e.key().hasRevocation() || e.primary().hasRevocation()) {
                ignored.add("by " + keyName + " (revoked)");
                continue;
            }
            if (!matches(rpm, s, e.key(), data)) {
                throw new RpmBadSignatureError(
                        rpm.path(),
                        "the signature by trusted key " + keyName + " (" + userId(e.primary())
                                + ") does not match its content");
            }
            if (WEAK_HASHES.contains(s.getHashAlgorithm())) {
                ignored.add("by " + keyName + " (weak digest algorithm)");
                continue;
            }
            return Optional.of(new Signer(
                    keyName,
                    Keyring.fingerprint(e.primary()),
                    userId(e.primary()),
                    s.getCreationTime().toInstant()));
        }
        return Optional.empty();
    }

    private static List<PGPSignature> signatures(RpmFile rpm, byte[] blob) {
        List<PGPSignature> out = new ArrayList<>();
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(new ByteArrayInputStream(blob));
            Object o;
            while ((o = factory.nextObject()) != null) {
                if (!(o instanceof PGPSignatureList list)) {
                    throw new RpmFormatError(
                            rpm.path(),
                            "its signature tag holds a " + o.getClass().getSimpleName()
                                    + " instead of an OpenPGP signature");
                }
                list.forEach(out::add);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new RpmFormatError(rpm.path(), "its OpenPGP signature cannot be read (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new RpmFormatError(rpm.path(), "its signature tag holds no OpenPGP signature");
        }
        return out;
    }

    private boolean matches(RpmFile rpm, PGPSignature s, PGPPublicKey key, List<byte[]> data) {
        try {
            s.init(new BcPGPContentVerifierBuilderProvider(), key);
            if (data != null) {
                data.forEach(s::update);
            } else {
                try (InputStream in = rpm.openAtHeader()) {
                    byte[] buf = new byte[CHUNK];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        s.update(buf, 0, n);
                    }
                }
            }
            return s.verify();
        } catch (PGPException | IOException | RuntimeException e) {
            throw new RpmBadSignatureError(
                    rpm.path(),
                    "the signature by trusted key " + Keyring.fingerprint(key) + " cannot be checked (" + e.getMessage()
                            + ")");
        }
    }

    private Optional<Keyring.Entry> lookup(PGPSignature s) {
        Optional<Keyring.Entry> byId = s.getKeyID() == 0 ? Optional.empty() : keyring.find(s.getKeyID());
        if (byId.isPresent()) {
            return byId;
        }
        IssuerFingerprint fp =
                s.getHashedSubPackets() == null ? null : s.getHashedSubPackets().getIssuerFingerprint();
        return fp == null ? Optional.empty() : keyring.find(fp.getFingerprint());
    }

    private static String issuer(PGPSignature s) {
        IssuerFingerprint fp =
                s.getHashedSubPackets() == null ? null : s.getHashedSubPackets().getIssuerFingerprint();
        if (fp != null) {
            return HexFormat.of().withUpperCase().formatHex(fp.getFingerprint());
        }
        return String.format("%016X", s.getKeyID());
    }

    private static String userId(PGPPublicKey primary) {
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? ids.next() : "no user id";
    }
}
