package io.crossroot.toolbox;

import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.util.AtomicOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pin of a cached toolbox: its suite, the tree's key and the exact packages (name, version, architecture,
 * SHA256) it was unpacked from. While the pin and its tree exist, crossroot reuses the toolbox without asking the
 * mirror anything; --refresh-toolbox resolves again and rewrites the pin.
 */
public record ToolboxPin(String suite, String key, List<String> packages) {
    private static final String HEADER = "# crossroot toolbox pin: reused offline until --refresh-toolbox";

    static ToolboxPin of(String suite, String key, List<BinaryPackage> resolved) {
        return new ToolboxPin(
                suite,
                key,
                resolved.stream()
                        .map(p -> p.name() + " " + p.version() + " " + p.architecture() + " " + p.sha256())
                        .sorted()
                        .toList());
    }

    /** Package name to version (of the host-architecture packages; other architectures' are left out). */
    Map<String, String> versions() {
        Map<String, String> out = new TreeMap<>();
        for (String p : packages) {
            String[] f = p.split(" ");
            if (f.length >= 3 && (f[2].equals("amd64") || f[2].equals("all"))) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    /** The pin file for one suite and requested package set (a changed set is a different pin). */
    static Path file(Path toolboxDir, String suite, String requested) {
        return toolboxDir.resolve("pin-" + suite + "-" + ToolboxInstaller.sha256(requested) + ".txt");
    }

    static Optional<ToolboxPin> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String suite = null;
            String key = null;
            List<String> packages = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(" ", 2);
                switch (f[0]) {
                    case "suite" -> suite = f[1];
                    case "toolbox" -> key = f[1];
                    case "package" -> packages.add(f[1]);
                    default -> {} // comments
                }
            }
            return suite == null || key == null ? Optional.empty() : Optional.of(new ToolboxPin(suite, key, packages));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Path file) {
        StringBuilder sb = new StringBuilder(HEADER)
                .append("\nsuite ")
                .append(suite)
                .append("\ntoolbox ")
                .append(key)
                .append('\n');
        packages.forEach(p -> sb.append("package ").append(p).append('\n'));
        try {
            AtomicOutput.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
