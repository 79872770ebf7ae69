package io.crossroot.rootfs;

import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the root's own rpm keeps its database: the {@code %_dbpath} its macro files define, read as rpm reads them
 * (the main file, then macros.d, then /etc/rpm; the last definition wins). openEuler's rpm says /var/lib/rpm, current
 * Fedora's /usr/lib/sysimage/rpm; a root without rpm gets rpm's upstream default.
 */
final class RpmDatabasePath {
    static final String DEFAULT = "/var/lib/rpm";

    private static final Pattern DEFINITION = Pattern.compile("^%_dbpath\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern MACRO = Pattern.compile("%\\{(\\w+)}");
    /** The directory macros a %_dbpath is written with, as rpm's own macros define them. */
    private static final Map<String, String> DIRECTORIES = Map.of(
            "_var", "/var",
            "_usr", "/usr",
            "_prefix", "/usr",
            "_localstatedir", "/var",
            "_sharedstatedir", "/var/lib",
            "_lib", "/usr/lib");

    private RpmDatabasePath() {}

    /** The database directory as an absolute path inside the root. */
    static String of(Path root) throws IOException {
        ConfinedRoot tree = new ConfinedRoot(root);
        String found = null;
        for (String file : macroFiles(tree)) {
            Optional<Path> p = tree.resolve(file).filter(Files::isRegularFile);
            if (p.isEmpty()) {
                continue;
            }
            String text;
            try (var in = ConfinedRoot.openRegular(p.get())) {
                text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            }
            Matcher m = DEFINITION.matcher(text);
            while (m.find()) {
                found = m.group(1);
            }
        }
        return found == null ? DEFAULT : expand(found);
    }

    /** {@code value} with the directory macros replaced; rpm's default when anything else is left or it escapes. */
    static String expand(String value) {
        Matcher m = MACRO.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String dir = DIRECTORIES.get(m.group(1));
            if (dir == null) {
                return DEFAULT;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(dir));
        }
        m.appendTail(out);
        String path = out.toString();
        boolean plain = path.startsWith("/")
                && !path.contains("%")
                && Stream.of(path.split("/")).noneMatch(s -> s.equals(".."));
        return plain ? path.replaceAll("/+$", "") : DEFAULT;
    }

    private static List<String> macroFiles(ConfinedRoot tree) throws IOException {
        List<String> files = new ArrayList<>(List.of("usr/lib/rpm/macros"));
        for (String dir : List.of("usr/lib/rpm/macros.d", "etc/rpm")) {
            Optional<Path> d = tree.resolve(dir).filter(Files::isDirectory);
            if (d.isPresent()) {
                try (Stream<Path> s = Files.list(d.get())) {
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("macros"))
                            .sorted()
                            .forEach(n -> files.add(dir + "/" + n));
                }
            }
        }
        return files;
    }
}
