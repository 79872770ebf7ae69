package io.crossroot.oci;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a tree's extended attributes in one getfattr run (the JDK reads only user.* attributes, and
 * security.capability is what makes ping work unprivileged). SELinux labels and ACLs of the build host are left
 * out: they describe the host, not the image.
 */
final class Xattrs {
    private static final String FILE_LINE = "# file: ";

    // runs started before the command that opens the tree was parsed (see LayerSources.prefetch)
    private static final java.util.concurrent.ConcurrentHashMap<Path, Pending> PREFETCHED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Xattrs() {}

    /**
     * Starts reading {@code root}'s attributes in the background (starting a process alone takes a JVM tens of
     * milliseconds); {@link Pending#get} waits for them.
     */
    static Pending start(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        Pending early = PREFETCHED.remove(abs);
        return early != null ? early : launch(abs);
    }

    /** Starts reading {@code root}'s attributes for a later {@link #start} of the same tree, which takes them. */
    static void prefetch(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        Pending replaced = PREFETCHED.put(abs, launch(abs));
        if (replaced != null) {
            replaced.close();
        }
    }

    /** Drops the runs no {@link #start} took: the tree may change before the next command opens it. */
    static void dropPrefetched() {
        PREFETCHED.keySet().forEach(root -> {
            Pending p = PREFETCHED.remove(root);
            if (p != null) {
                p.close();
            }
        });
    }

    private static Pending launch(Path abs) {
        AtomicReference<Process> process = new AtomicReference<>();
        CompletableFuture<Map<String, Map<String, byte[]>>> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("getfattr").start(() -> {
            try {
                result.complete(read(abs, process));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return new Pending(process, result);
    }

    private static Map<String, Map<String, byte[]>> read(Path abs, AtomicReference<Process> process)
            throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("getfattr", "--recursive", "--physical", "--no-dereference", "--dump",
                    "--match=-", "--encoding=hex", "--absolute-names", abs.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("getfattr (Debian package 'attr') is needed to copy extended attributes such as "
                    + "file capabilities into the image; install it with 'apt-get install attr'", e);
        }
        process.set(p);
        p.getOutputStream().close();
        Map<String, Map<String, byte[]>> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
            parse(r, abs, out);
        }
        try {
            p.waitFor(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading extended attributes");
        }
        return out;
    }

    /** A getfattr run under way; close() stops it if its answer was never needed. */
    static final class Pending implements AutoCloseable {
        private final AtomicReference<Process> process;
        private final CompletableFuture<Map<String, Map<String, byte[]>>> result;

        private Pending(AtomicReference<Process> process, CompletableFuture<Map<String, Map<String, byte[]>>> result) {
            this.process = process;
            this.result = result;
        }

        /** Relative name -> attribute name -> raw value, for every file in the tree that has any. */
        Map<String, Map<String, byte[]>> get() throws IOException {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading extended attributes");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io
                        : new IOException("reading extended attributes failed", e.getCause());
            }
        }

        @Override
        public void close() {
            Process p = process.get();
            if (p != null) {
                p.destroy();
            }
        }
    }

    static void parse(BufferedReader r, Path abs, Map<String, Map<String, byte[]>> out) throws IOException {
        String prefix = abs + "/";
        Map<String, byte[]> current = null;
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(FILE_LINE)) {
                String file = unescape(line.substring(FILE_LINE.length()));
                current = file.startsWith(prefix) ? out.computeIfAbsent(file.substring(prefix.length()), k -> new TreeMap<>()) : null;
            } else if (current != null && line.contains("=0x")) {
                int eq = line.indexOf("=0x");
                String key = unescape(line.substring(0, eq));
                if (kept(key)) {
                    current.put(key, HexFormat.of().parseHex(line.substring(eq + 3)));
                }
            }
        }
        out.values().removeIf(Map::isEmpty);
    }

    private static boolean kept(String key) {
        return !key.startsWith("system.") && !key.equals("security.selinux");
    }

    /** getfattr writes bytes outside printable ASCII, and backslash, as \ooo octal escapes. */
    static String unescape(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
