package io.crossroot.debian;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh ed25519 key made with gpg in a private GNUPGHOME, to sign Release files the tests compose (what a real
 * repository's archive key does). Its public half is the trusted keyring.
 */
final class ThrowawaySigner implements AutoCloseable {
    private static final DateTimeFormatter RELEASE_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path home;
    private final Path keyring;

    private ThrowawaySigner(Path home, Path keyring) {
        this.home = home;
        this.keyring = keyring;
    }

    /** Makes the key under {@code dir} (a test's temporary directory). */
    static ThrowawaySigner create(Path dir) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        ThrowawaySigner signer = new ThrowawaySigner(home, dir.resolve("throwaway-key.asc"));
        signer.gpg(
                null,
                "--passphrase",
                "",
                "--quick-gen-key",
                "crossroot test <test@crossroot.invalid>",
                "ed25519",
                "sign",
                "never");
        Files.write(signer.keyring, signer.gpg(null, "--armor", "--export"));
        return signer;
    }

    Path keyring() {
        return keyring;
    }

    /** {@code text} clearsigned, as an InRelease. */
    byte[] clearsign(String text) throws IOException, InterruptedException {
        return gpg(text.getBytes(StandardCharsets.UTF_8), "--digest-algo", "SHA256", "--clearsign");
    }

    /** A Release of suite {@code suite} listing {@code indexes} (path below dists/SUITE/ to content). */
    static String release(String suite, Instant date, Instant validUntil, Map<String, byte[]> indexes) {
        StringBuilder sb = new StringBuilder();
        sb.append("Origin: crossroot-test\nSuite: ")
                .append(suite)
                .append("\nCodename: ")
                .append(suite)
                .append("\nDate: ")
                .append(RELEASE_DATE.format(date))
                .append('\n');
        if (validUntil != null) {
            sb.append("Valid-Until: ").append(RELEASE_DATE.format(validUntil)).append('\n');
        }
        sb.append("Architectures: amd64\nComponents: main\nSHA256:\n");
        indexes.forEach((path, bytes) -> sb.append(' ')
                .append(sha256(bytes))
                .append(' ')
                .append(bytes.length)
                .append(' ')
                .append(path)
                .append('\n'));
        return sb.toString();
    }

    /** Stops the gpg-agent this key's home started, so no process outlives the test. */
    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
    }

    private byte[] gpg(byte[] input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "gpg", "--homedir", home.toString(), "--batch", "--no-tty", "--pinentry-mode", "loopback", "--quiet"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            if (input != null) {
                in.write(input);
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("gpg " + args[args.length - 1] + " failed");
        }
        return out;
    }
}
