package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Public keys trusted to sign repositories, read from OpenPGP keyring files in binary (as in
 * /usr/share/keyrings) or ASCII-armored form (.asc, possibly several blocks). Immutable.
 */
public final class Keyring {
    /** Where the debian-archive-keyring package installs Debian's archive keys. */
    public static final Path DEBIAN_ARCHIVE = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");

    private static final Pattern ARMOR_BLOCK = Pattern.compile(
            "-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----", Pattern.DOTALL);

    /** A key (primary or subkey) with the ring it belongs to. */
    public record Entry(PGPPublicKey key, PGPPublicKeyRing ring) {
        public PGPPublicKey primary() {
            return ring.getPublicKey();
        }
    }

    private final List<Path> files;
    private final List<PGPPublicKeyRing> rings;
    private final Map<Long, Entry> byKeyId;

    private Keyring(List<Path> files, List<PGPPublicKeyRing> rings) {
        this.files = List.copyOf(files);
        this.rings = List.copyOf(rings);
        Map<Long, Entry> index = new HashMap<>();
        for (PGPPublicKeyRing ring : rings) {
            for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
                PGPPublicKey k = it.next();
                index.put(k.getKeyID(), new Entry(k, ring));
            }
        }
        this.byKeyId = Map.copyOf(index);
    }

    /** Each key ring, ASCII-armored on its own (the form rpm --import and dnf's gpgkey= take). */
    public List<byte[]> armoredRings() {
        List<byte[]> out = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (org.bouncycastle.bcpg.ArmoredOutputStream armor = org.bouncycastle.bcpg.ArmoredOutputStream.builder()
                    .clearHeaders()
                    .build(bytes)) {
                ring.encode(armor, true);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // writing to memory
            }
            out.add(bytes.toByteArray());
        }
        return out;
    }

    /** Debian's archive keyring as installed on this host. */
    public static Keyring debianArchive() {
        return load(List.of(DEBIAN_ARCHIVE));
    }

    /** All keys of all {@code files}; each must exist and hold at least one public key. */
    public static Keyring load(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no keyring files");
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (Path f : files) {
            List<PGPPublicKeyRing> found = read(f);
            if (found.isEmpty()) {
                throw new UserError("The keyring " + f + " holds no OpenPGP public keys. Pass a keyring exported with "
                        + "'gpg --export' (binary) or 'gpg --export --armor' with --keyring FILE.");
            }
            rings.addAll(found);
        }
        return new Keyring(files, rings);
    }

    public List<Path> files() {
        return files;
    }

    /** Fingerprints of the primary keys, upper-case hex as gpg prints them. */
    public List<String> fingerprints() {
        return rings.stream().map(r -> fingerprint(r.getPublicKey())).toList();
    }

    public Optional<Entry> find(long keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    public Optional<Entry> find(byte[] fingerprint) {
        return byKeyId.values().stream()
                .filter(e -> java.util.Arrays.equals(e.key().getFingerprint(), fingerprint))
                .findFirst();
    }

    /** A copy holding only the rings whose primary fingerprint is in {@code keep} (for tests). */
    Keyring retain(List<String> keep) {
        return new Keyring(
                files,
                rings.stream()
                        .filter(r -> keep.contains(fingerprint(r.getPublicKey())))
                        .toList());
    }

    public static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    /** Human-readable files list for error messages. */
    public String describe() {
        return files.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("(none)");
    }

    private static List<PGPPublicKeyRing> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError("The keyring " + file + " does not exist. Install the debian-archive-keyring package "
                    + "or pass the repository's public key with --keyring FILE.");
        } catch (IOException e) {
            throw new UserError(
                    "Cannot read the keyring " + file + ": " + e.getMessage()
                            + ". Check its permissions or pass another one with --keyring FILE.",
                    e);
        }
        try {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
                List<PGPPublicKeyRing> out = new ArrayList<>();
                Matcher m = ARMOR_BLOCK.matcher(text);
                while (m.find()) {
                    byte[] block = m.group().getBytes(StandardCharsets.ISO_8859_1);
                    try (InputStream in = ArmoredInputStream.builder().build(new ByteArrayInputStream(block))) {
                        out.addAll(rings(in));
                    }
                }
                return out;
            }
            return rings(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new UserError(
                    "The keyring " + file + " is not a valid OpenPGP keyring (" + e.getMessage() + "). "
                            + "gpg's keybox files (.kbx) are not supported: export the keys with 'gpg --export KEYID > FILE' "
                            + "and pass that file with --keyring FILE.",
                    e);
        }
    }

    private static List<PGPPublicKeyRing> rings(InputStream in) throws IOException {
        List<PGPPublicKeyRing> out = new ArrayList<>();
        BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
        Object o;
        while ((o = factory.nextObject()) != null) {
            if (o instanceof PGPPublicKeyRing ring) {
                out.add(ring);
            }
            // Other packets (trust, markers) carry no keys; gpg exports may contain them.
        }
        return out;
    }
}
