package io.crossroot.disk;

import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The subset of genimage's configuration language that board ports use: one {@code image X { hdimage {...}
 * partition P {...} }} disk image whose partitions name {@code image Y { vfat {...} | ext4 {...}; size = ... }}
 * filesystem images. An ext4 image without {@code mountpoint} holds the whole root filesystem; vfat
 * {@code files} are looked up in the input path (the rootfs's /boot by default).
 */
public final class GenimageConfig {
    /** A section "kind name { key = value ... child sections }". */
    record Section(String kind, String name, int line, Map<String, Value> values, List<Section> children) {
        Optional<Section> child(String k) {
            return children.stream().filter(c -> c.kind.equals(k)).findFirst();
        }

        Optional<String> value(String key) {
            Value v = values.get(key);
            return v == null ? Optional.empty() : Optional.of(v.single());
        }

        /** The value converted by {@code parse}; a conversion error names the value's line. */
        <T> Optional<T> value(String key, java.util.function.Function<String, T> parse, String source) {
            Value v = values.get(key);
            if (v == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(parse.apply(v.single()));
            } catch (IllegalArgumentException e) {
                throw new UserError(source + ":" + v.line() + ": " + e.getMessage(), e);
            }
        }
    }

    record Value(List<String> items, int line) {
        String single() {
            return String.join(" ", items);
        }
    }

    private final List<Section> images;
    private final String source;

    private GenimageConfig(List<Section> images, String source) {
        this.images = images;
        this.source = source;
    }

    public static GenimageConfig parse(String text, String source) {
        return new GenimageConfig(new Parser(new Lexer(text, source), source).top(), source);
    }

    /** The layout of the (single) hdimage image; {@code baseDir} is unused for now but kept for relative paths. */
    public Layout layout(Path baseDir) {
        List<Section> disks = images.stream().filter(i -> i.child("hdimage").isPresent()).toList();
        if (disks.size() != 1) {
            throw new UserError(source + ": expected exactly one image with an hdimage section, found " + disks.size());
        }
        Section disk = disks.get(0);
        Section hd = disk.child("hdimage").orElseThrow();
        return at(disk.line, () -> {
            String tableText = hd.value("partition-table-type").orElse(
                    hd.value("gpt").map(g -> g.equals("true") ? "gpt" : "mbr").orElse("mbr"));
            List<PartitionSpec> parts = new ArrayList<>();
            for (Section p : disk.children) {
                if (p.kind.equals("partition")) {
                    parts.add(at(p.line, () -> partition(p)));
                }
            }
            return new Layout(Layout.Table.parse(tableText), disk.value("size").map(Sizes::parse).orElse(null),
                    hd.value("disk-uuid").orElse(null), parts);
        });
    }

    private PartitionSpec partition(Section p) {
        Optional<Section> image = p.value("image").map(this::image);
        PartitionType type = p.value("partition-type-uuid", GenimageConfig::typeShortcut, source)
                .or(() -> p.value("partition-type", t -> PartitionType.parse(t.startsWith("0x") ? t : "0x" + t), source))
                .orElse(null);
        Long size = p.value("size", Sizes::parse, source)
                .or(() -> image.flatMap(i -> i.value("size", Sizes::parse, source))).orElse(null);
        boolean bootable = p.value("bootable").map(b -> b.equals("true") || b.equals("yes")).orElse(false);
        String partUuid = p.value("partition-uuid").orElse(null);
        if (image.isEmpty()) {
            return new PartitionSpec(p.name, type, size, null, Filesystem.NONE, null, null, partUuid, null, null,
                    null, null, null, bootable);
        }
        Section img = image.get();
        Optional<Section> ext4 = img.child("ext4");
        Optional<Section> vfat = img.child("vfat");
        if (ext4.isPresent()) {
            MkfsArgs args = MkfsArgs.split(ext4.get().value("extraargs").orElse(""), "-U", "-L");
            String mount = img.value("mountpoint").orElse("/");
            return new PartitionSpec(p.name, type, size, null, Filesystem.EXT4,
                    ext4.get().value("label").orElse(args.option("-L")), args.option("-U"), partUuid, mount, null,
                    null, null, args.rest(), bootable);
        }
        if (vfat.isPresent()) {
            MkfsArgs args = MkfsArgs.split(vfat.get().value("extraargs").orElse(""), "-n", "-i");
            List<String> files = vfat.get().values.containsKey("files") ? vfat.get().values.get("files").items() : List.of();
            Optional<String> mount = img.value("mountpoint");
            return new PartitionSpec(p.name, type, size, null, Filesystem.VFAT,
                    vfat.get().value("label").orElse(args.option("-n")),
                    Optional.ofNullable(args.option("-i")).map(GenimageConfig::volumeIdAsGuid).orElse(null), partUuid,
                    mount.orElse(null), null, files, null, args.rest(), bootable);
        }
        String file = img.name;
        return new PartitionSpec(p.name, type, size, null, Filesystem.NONE, null, null, partUuid, null, null, null,
                Path.of(file), null, bootable);
    }

    private Section image(String name) {
        return images.stream().filter(i -> i.name.equals(name)).findFirst()
                .orElseGet(() -> new Section("image", name, 0, Map.of(), List.of()));
    }

    /** genimage's one-letter GPT type shortcuts, else a GUID or a crossroot type name. */
    static PartitionType typeShortcut(String t) {
        return switch (t) {
            case "L" -> PartitionType.LINUX;
            case "S" -> PartitionType.SWAP;
            case "U" -> PartitionType.ESP;
            case "F" -> PartitionType.FAT32;
            default -> PartitionType.parse(t);
        };
    }

    /** mkfs.vfat -i takes 8 hex digits; keep them recoverable in the GUID's low 32 bits. */
    static String volumeIdAsGuid(String hex) {
        return String.format(Locale.ROOT, "00000000-0000-0000-0000-0000%08x", Long.parseLong(hex, 16));
    }

    private <T> T at(int line, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(source + ":" + line + ": " + e.getMessage(), e);
        }
    }

    /** Splits an extraargs string into the options crossroot sets itself and the rest. */
    record MkfsArgs(Map<String, String> options, List<String> rest) {
        static MkfsArgs split(String text, String... taken) {
            List<String> words = List.of(text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+"));
            Map<String, String> opts = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                if (List.of(taken).contains(words.get(i)) && i + 1 < words.size()) {
                    opts.put(words.get(i), words.get(++i));
                } else {
                    rest.add(words.get(i));
                }
            }
            return new MkfsArgs(opts, rest);
        }

        String option(String name) {
            return options.get(name);
        }
    }

    /** Tokens: words, "strings", = { } , ; comments (#, //, /* *\/) skipped. */
    static final class Lexer {
        private final String text;
        private final String source;
        private int pos;
        private int line = 1;
        int tokenLine = 1;

        Lexer(String text, String source) {
            this.text = text;
            this.source = source;
        }

        /** The next token, or null at the end; strings come back with their quotes. */
        String next() {
            skipSpace();
            tokenLine = line;
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos);
            if ("={},;".indexOf(c) >= 0) {
                pos++;
                return String.valueOf(c);
            }
            if (c == '"') {
                StringBuilder sb = new StringBuilder("\"");
                pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    char d = text.charAt(pos++);
                    if (d == '\\' && pos < text.length()) {
                        d = text.charAt(pos++);
                    }
                    if (d == '\n') {
                        line++;
                    }
                    sb.append(d);
                }
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                pos++;
                return sb.toString();
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "={},;\"#".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#' || text.startsWith("//", pos)) {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (text.startsWith("/*", pos)) {
                    int end = text.indexOf("*/", pos + 2);
                    int stop = end < 0 ? text.length() : end + 2;
                    line += (int) text.substring(pos, stop).chars().filter(ch -> ch == '\n').count();
                    pos = stop;
                } else {
                    return;
                }
            }
        }

        UserError error(String message) {
            return new UserError(source + ":" + tokenLine + ": " + message);
        }
    }

    static final class Parser {
        private final Lexer lex;
        private String peeked;

        Parser(Lexer lex, String source) {
            this.lex = lex;
        }

        List<Section> top() {
            List<Section> out = new ArrayList<>();
            String t;
            while ((t = take()) != null) {
                if (!t.equals("image")) {
                    // top-level option sections (config {}, flash {}) do not matter for the layout
                    Section ignored = sectionBody(t, optionalName());
                    continue;
                }
                out.add(sectionBody("image", requireName("image")));
            }
            return out;
        }

        private String optionalName() {
            String t = peek();
            return t != null && !t.equals("{") ? unquote(take()) : "";
        }

        private String requireName(String kind) {
            String t = take();
            if (t == null || t.equals("{")) {
                throw lex.error(kind + " needs a name");
            }
            return unquote(t);
        }

        private Section sectionBody(String kind, String name) {
            int line = lex.tokenLine;
            expect("{");
            Map<String, Value> values = new LinkedHashMap<>();
            List<Section> children = new ArrayList<>();
            while (true) {
                String t = take();
                if (t == null) {
                    throw lex.error("missing } for " + kind + " " + name);
                }
                if (t.equals("}")) {
                    return new Section(kind, name, line, values, children);
                }
                if (t.equals(";") || t.equals(",")) {
                    continue;
                }
                String key = t;
                String n = peek();
                if ("=".equals(n)) {
                    take();
                    int valueLine = lex.tokenLine;
                    values.put(key, new Value(value(), valueLine));
                } else if ("{".equals(n)) {
                    children.add(sectionBody(key, ""));
                } else {
                    children.add(sectionBody(key, requireName(key)));
                }
            }
        }

        private List<String> value() {
            String t = take();
            if (t == null) {
                throw lex.error("missing value");
            }
            if (!t.equals("{")) {
                return List.of(unquote(t));
            }
            List<String> items = new ArrayList<>();
            while (true) {
                String i = take();
                if (i == null) {
                    throw lex.error("missing } in list");
                }
                if (i.equals("}")) {
                    return items;
                }
                if (!i.equals(",")) {
                    items.add(unquote(i));
                }
            }
        }

        private void expect(String token) {
            String t = take();
            if (!token.equals(t)) {
                throw lex.error("expected '" + token + "' but found " + (t == null ? "the end of the file" : "'" + t + "'"));
            }
        }

        private String peek() {
            if (peeked == null) {
                peeked = lex.next();
            }
            return peeked;
        }

        private String take() {
            String t = peek();
            peeked = null;
            return t;
        }

        private static String unquote(String t) {
            return t.startsWith("\"") ? t.substring(1) : t;
        }
    }
}
