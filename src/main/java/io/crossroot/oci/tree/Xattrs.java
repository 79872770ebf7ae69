package io.crossroot.oci.tree;

import io.crossroot.toolbox.Toolbox;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a tree's extended attributes in one getfattr run (a {@link TreeRun}; the JDK reads only user.* attributes,
 * and security.capability is what makes ping work unprivileged). getfattr is the toolbox's (Debian's attr, which a
 * minbase host lacks). SELinux labels and ACLs of the build host are left out: they describe the host, not the
 * image.
 */
final class Xattrs {
    private static final String FILE_LINE = "# file: ";
    static final String PROGRAM = "getfattr";

    private Xattrs() {}

    /** The run of {@code toolbox}'s getfattr over a tree. */
    static TreeRun.Kind<Map<String, Map<String, byte[]>>> kind(Toolbox toolbox) {
        return new TreeRun.Kind<>(
                "the extended attributes (such as file capabilities) to copy into the image",
                PROGRAM,
                tree -> toolbox.processBuilder(
                        PROGRAM,
                        List.of(
                                "--recursive",
                                "--physical",
                                "--no-dereference",
                                "--dump",
                                "--match=-",
                                "--encoding=hex",
                                "--absolute-names",
                                tree.toString()),
                        Map.of()),
                false,
                Xattrs::read);
    }

    /** Relative name -> attribute name -> raw value, for every file in the tree that has any. */
    private static Map<String, Map<String, byte[]>> read(InputStream getfattrOutput, Path abs) throws IOException {
        Map<String, Map<String, byte[]>> out = new HashMap<>();
        parse(new BufferedReader(new InputStreamReader(getfattrOutput, StandardCharsets.ISO_8859_1)), abs, out);
        return out;
    }

    static void parse(BufferedReader r, Path abs, Map<String, Map<String, byte[]>> out) throws IOException {
        String prefix = abs + "/";
        Map<String, byte[]> current = null;
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(FILE_LINE)) {
                String file = unescape(line.substring(FILE_LINE.length()));
                current = file.startsWith(prefix)
                        ? out.computeIfAbsent(file.substring(prefix.length()), k -> new TreeMap<>())
                        : null;
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
