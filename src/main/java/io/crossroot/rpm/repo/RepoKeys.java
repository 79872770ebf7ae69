package io.crossroot.rpm.repo;

import io.crossroot.debian.DownloadPolicy;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorClient;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenPGP key files a repository is trusted with, from a .repo file's gpgkey or a recipe's gpgkeys: local
 * files as they are, http(s) keys fetched once into the cache (named by their content). When fingerprints are
 * pinned, every primary key of every file must be one of them, so a key served by a compromised mirror is refused.
 */
public final class RepoKeys {
    private RepoKeys() {}

    /** Key files for {@code keys} (paths, file:// or http(s):// URLs); {@code pinned} empty means unpinned. */
    public static List<Path> files(List<URI> keys, Path cacheDir, List<String> pinned) {
        List<Path> out = new ArrayList<>();
        for (URI key : keys) {
            Path file = local(key, cacheDir);
            if (!pinned.isEmpty()) {
                requirePinned(key, file, pinned);
            }
            out.add(file);
        }
        return out;
    }

    /** A key given as a path or URL string, as recipes and --keyring spell them. */
    public static URI parse(String key) {
        if (key.matches("(?i)(https?|file):.*")) {
            try {
                return new URI(key);
            } catch (java.net.URISyntaxException e) {
                throw new UserError("The key URL '" + key + "' is not a URL (" + e.getReason() + "); give an "
                        + "http(s):// or file:// URL, or a path.");
            }
        }
        return Path.of(key).toAbsolutePath().toUri();
    }

    /** The fingerprint as gpg prints it without spaces, upper-case, for comparing. */
    public static String normalise(String fingerprint) {
        return fingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private static Path local(URI key, Path cacheDir) {
        String scheme = key.getScheme() == null ? "" : key.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return Path.of(key);
        }
        byte[] bytes = new MirrorClient(key, DownloadPolicy.DEFAULT)
                .readSmall(
                        key,
                        "The repository's key is not there: check the gpgkey URL, or give the key file "
                                + "with --keyring FILE.");
        Path file = cacheDir.resolve("keys").resolve(sha256(bytes) + ".asc");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                AtomicOutput.write(file, bytes);
            }
        } catch (IOException e) {
            throw new UserError(
                    "Cannot keep the key " + key + " in the cache " + file.getParent() + ": " + e.getMessage()
                            + ". Check the cache's permissions (or set CROSSROOT_CACHE).",
                    e);
        }
        return file;
    }

    private static void requirePinned(URI key, Path file, List<String> pinned) {
        Set<String> allowed = new TreeSet<>();
        pinned.forEach(p -> allowed.add(normalise(p)));
        for (String fingerprint : Keyring.load(List.of(file)).fingerprints()) {
            if (!allowed.contains(fingerprint)) {
                throw new UserError("The key " + key + " holds the key " + fingerprint + ", which is not among the "
                        + "pinned fingerprints (" + String.join(", ", allowed) + "). Check the key URL, or, if the "
                        + "distribution has published a new key, pin its fingerprint from the distribution's own "
                        + "material.");
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
