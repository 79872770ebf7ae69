package io.crossroot.rpm.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Real packages built once per test run with the host's rpmbuild (Debian's rpm) and signed with rpmsign by
 * throw-away gpg keys: one spec with every kind of file (config, ghost, capabilities, symlink, hard link, a
 * directory and a file owned by nobody), scriptlets, a file trigger and dependencies, built per payload compressor.
 */
final class RpmTestPackages {
    static final String SPEC = """
            Name: crtest
            Version: 1.2
            Release: 3
            Epoch: 2
            Summary: crossroot rpm reader test
            License: MIT
            Requires: bash >= 4.0
            Requires(post): coreutils
            Provides: crtest-virtual = 1.0
            Conflicts: crtest-old < 1.0
            Obsoletes: crtest-older <= 0.9
            Recommends: foo
            Suggests: bar > 2
            Supplements: baz
            Enhances: qux
            %description
            test package
            %install
            mkdir -p %{buildroot}/etc %{buildroot}/usr/bin %{buildroot}/var/lib/crt %{buildroot}/usr/share/crt/empty
            echo conf > %{buildroot}/etc/crt.conf
            printf '#!/bin/sh\\necho hi\\n' > %{buildroot}/usr/bin/crt
            ln -s crt %{buildroot}/usr/bin/crt-link
            ln %{buildroot}/usr/bin/crt %{buildroot}/usr/bin/crt-hard
            echo data > %{buildroot}/var/lib/crt/data
            head -c 100000 /dev/urandom > %{buildroot}/usr/share/crt/random
            %files
            %config(noreplace) /etc/crt.conf
            %caps(cap_net_raw,cap_net_admin=ep) %attr(4755,root,root) /usr/bin/crt
            /usr/bin/crt-link
            %caps(cap_net_raw,cap_net_admin=ep) %attr(4755,root,root) /usr/bin/crt-hard
            %dir %attr(0750,nobody,nogroup) /var/lib/crt
            %attr(0640,nobody,nogroup) /var/lib/crt/data
            %ghost /var/log/crt.log
            /usr/share/crt
            %pre -p <lua>
            print("pre")
            %post
            echo post
            %postun -p /sbin/ldconfig
            %filetriggerin -p <lua> -- /usr/lib /usr/lib64
            print("trigger")
            %transfiletriggerpostun -- /usr/share/icons
            echo gone
            """;

    /** The payload compressors, by rpm's _binary_payload I/O name. */
    static final Map<String, String> COMPRESSORS =
            Map.of("zstd", "w19.zstdio", "gzip", "w9.gzdio", "xz", "w6.xzdio", "bzip2", "w9.bzdio");

    private static Built built;

    /**
     * @param byCompressor the unsigned riscv64 package per compressor name
     * @param noarch       an unsigned noarch build
     * @param rsaSigned    the zstd package signed with {@code rsaKey}
     * @param edSigned     the zstd package signed with {@code edKey} (ed25519)
     */
    record Built(
            Path dir,
            Map<String, Path> byCompressor,
            Path noarch,
            Path rsaSigned,
            Path edSigned,
            Path rsaKey,
            Path edKey) {}

    private RpmTestPackages() {}

    static synchronized Built get() {
        if (built == null) {
            try {
                built = build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return built;
    }

    private static Built build() throws IOException {
        Path dir = Files.createTempDirectory("crossroot-rpmtest-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Path spec = dir.resolve("crtest.spec");
        Files.writeString(spec, SPEC);
        Map<String, Path> by = new TreeMap<>();
        for (Map.Entry<String, String> c : COMPRESSORS.entrySet()) {
            by.put(c.getKey(), rpmbuild(dir, spec, "riscv64", c.getValue(), c.getKey()));
        }
        Path noarch = rpmbuild(dir, spec, "noarch", "w19.zstdio", "noarch");
        Path gnupg = dir.resolve("gnupg");
        Files.createDirectory(gnupg);
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        gpg(gnupg, "--quick-gen-key", "Rsa Test <rsa@crossroot.test>", "rsa2048", "sign", "never");
        gpg(gnupg, "--quick-gen-key", "Ed Test <ed@crossroot.test>", "ed25519", "sign", "never");
        Path rsaKey = dir.resolve("rsa.gpg");
        Path edKey = dir.resolve("ed.gpg");
        Files.write(rsaKey, gpg(gnupg, "--export", "rsa@crossroot.test"));
        Files.write(edKey, gpg(gnupg, "--export", "ed@crossroot.test"));
        Path rsaSigned = sign(gnupg, by.get("zstd"), dir.resolve("rsa-signed.rpm"), "Rsa Test");
        Path edSigned = sign(gnupg, by.get("zstd"), dir.resolve("ed-signed.rpm"), "Ed Test");
        return new Built(dir, Map.copyOf(by), noarch, rsaSigned, edSigned, rsaKey, edKey);
    }

    private static Path rpmbuild(Path dir, Path spec, String target, String payload, String label) throws IOException {
        Path top = dir.resolve("top-" + label);
        run(
                null,
                "rpmbuild",
                "-bb",
                "--quiet",
                "--target",
                target,
                "--define",
                "_topdir " + top,
                "--define",
                "_dbpath " + dir.resolve("db"),
                "--define",
                "_binary_payload " + payload,
                spec.toString());
        try (Stream<Path> s = Files.walk(top.resolve("RPMS"))) {
            Path rpm = s.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
            Path out = dir.resolve(label + ".rpm");
            Files.move(rpm, out);
            return out;
        }
    }

    private static Path sign(Path gnupg, Path rpm, Path out, String keyName) throws IOException {
        Files.copy(rpm, out);
        run(
                gnupg,
                "rpmsign",
                "--addsign",
                "--define",
                "__gpg /usr/bin/gpg",
                "--define",
                "_gpg_name " + keyName,
                out.toString());
        return out;
    }

    private static byte[] gpg(Path gnupg, String... args) throws IOException {
        List<String> cmd =
                new ArrayList<>(List.of("gpg", "--batch", "--passphrase", "", "--pinentry-mode", "loopback"));
        cmd.addAll(List.of(args));
        return run(gnupg, cmd.toArray(String[]::new));
    }

    /** Runs a host tool of the test's oracle; its standard output. */
    static byte[] run(Path gnupg, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE);
        if (gnupg != null) {
            pb.environment().put("GNUPGHOME", gnupg.toString());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] err;
        byte[] out;
        try {
            var errReader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out = p.getInputStream().readAllBytes();
            err = errReader.join();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    static String runText(String... cmd) throws IOException {
        return new String(run(null, cmd), StandardCharsets.UTF_8);
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; nothing depends on it being gone
        }
    }
}
