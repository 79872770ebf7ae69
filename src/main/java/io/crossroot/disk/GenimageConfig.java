package io.crossroot.disk;

import io.crossroot.util.InputProblems;
import io.crossroot.util.UsageError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The part of genimage's configuration language that disk images use: one {@code image X { hdimage {...}
 * partition P {...} }} disk image whose partitions name {@code image Y { vfat {...} | ext4 {...}; size = ... }}
 * filesystem images or existing files. An ext4 image without {@code mountpoint} holds the whole root filesystem;
 * vfat {@code files} are looked up in the input path (the rootfs's /boot by default). Every option genimage
 * documents is honoured or refused by name ({@link GenimageOptions}), unknown ones are errors.
 */
public final class GenimageConfig {
    private static final String FIX = "Fix the configuration and retry.";

    /** A section "kind name { key = value ... child sections }". */
    record Section(String kind, String name, int line, Map<String, Value> values, List<Section> children) {
        Optional<Section> child(String k) {
            return children.stream().filter(c -> c.kind.equals(k)).findFirst();
        }

        Optional<String> value(String key) {
            Value v = values.get(key);
            return v == null ? Optional.empty() : Optional.of(v.single());
        }

        /** The value converted by {@code parse}; a conversion error becomes a problem at the value's line. */
        <T> Optional<T> value(String key, java.util.function.Function<String, T> parse, InputProblems problems) {
            Value v = values.get(key);
            if (v == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(parse.apply(v.single()));
            } catch (IllegalArgumentException e) {
                problems.add(v.line(), kind + (name.isEmpty() ? "" : " " + name) + ": " + key + ": " + e.getMessage());
                return Optional.empty();
            }
        }
    }

    record Value(List<String> items, int line) {
        String single() {
            return String.join(" ", items);
        }
    }

    private final List<Section> images;
    private DiskLayout layout;

    private GenimageConfig(List<Section> images) {
        this.images = images;
    }

    /**
     * Parses the file and makes its layout, refusing all at once, with their lines, every option crossroot would
     * not honour and every bad value.
     */
    public static GenimageConfig parse(String text, String source) {
        InputProblems problems = new InputProblems(source);
        List<Section> top = new Parser(new Lexer(text, source), problems).top();
        GenimageOptions.check(top, problems);
        GenimageConfig config = new GenimageConfig(
                top.stream().filter(s -> s.kind.equals("image")).toList());
        config.layout = config.toLayout(problems);
        problems.throwIfAny(FIX);
        return config;
    }

    /** The layout of the (single) hdimage image; {@code baseDir} is unused for now but kept for relative paths. */
    public DiskLayout layout(Path baseDir) {
        return layout;
    }

    private DiskLayout toLayout(InputProblems problems) {
        List<Section> disks =
                images.stream().filter(i -> i.child("hdimage").isPresent()).toList();
        if (disks.size() != 1) {
            problems.add(0, "expected exactly one image with an hdimage section, found " + disks.size());
            return null;
        }
        Section disk = disks.get(0);
        Section hd = disk.child("hdimage").orElseThrow();
        DiskLayout.Table table = hd.value("partition-table-type", GenimageConfig::table, problems)
                .or(() -> hd.value("gpt", g -> bool(g) ? DiskLayout.Table.GPT : DiskLayout.Table.MBR, problems))
                .orElse(DiskLayout.Table.MBR);
        hd.value("partition-table", GenimageConfig::bool, problems)
                .filter(on -> !on)
                .ifPresent(off -> problems.add(
                        hd.values.get("partition-table").line(),
                        "partition-table = false (no partition table) "
                                + "is not supported: crossroot writes an MBR or a GPT"));
        Long defaultAlign = hd.value("align", Sizes::parse, problems).orElse(null);
        List<PartitionSpec> parts = new ArrayList<>();
        for (Section p : disk.children) {
            if (p.kind.equals("partition")) {
                PartitionSpec spec = partition(p, defaultAlign, problems);
                if (spec != null) {
                    parts.add(spec);
                }
            }
        }
        Long size = disk.value("size", GenimageConfig::size, problems).orElse(null);
        String diskUuid = hd.value("disk-uuid").orElse(null);
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return new DiskLayout(table, size, diskUuid, parts);
        } catch (IllegalArgumentException e) {
            problems.add(disk.line, e.getMessage());
            return null;
        }
    }

    private PartitionSpec partition(Section p, Long defaultAlign, InputProblems problems) {
        Optional<Section> image = p.value("image").map(this::image);
        PartitionType type = p.value("partition-type-uuid", GenimageConfig::typeShortcut, problems)
                .or(() -> p.value(
                        "partition-type", t -> PartitionType.parse(t.startsWith("0x") ? t : "0x" + t), problems))
                .orElse(null);
        Long size = p.value("size", GenimageConfig::size, problems)
                .or(() -> image.flatMap(i -> i.value("size", GenimageConfig::size, problems)))
                .orElse(null);
        boolean bootable = p.value("bootable", GenimageConfig::bool, problems).orElse(false);
        String partUuid = p.value("partition-uuid").orElse(null);
        Long offset = p.value("offset", Sizes::parse, problems).orElse(null);
        Long align = p.value("align", Sizes::parse, problems).orElse(defaultAlign);
        try {
            return spec(p, image, type, size, bootable, partUuid, offset, align);
        } catch (IllegalArgumentException e) {
            problems.add(p.line, e.getMessage());
            return null;
        }
    }

    private static PartitionSpec spec(
            Section p,
            Optional<Section> image,
            PartitionType type,
            Long size,
            boolean bootable,
            String partUuid,
            Long offset,
            Long align) {
        if (image.isEmpty()) {
            return new PartitionSpec(
                    p.name,
                    type,
                    size,
                    null,
                    Filesystem.NONE,
                    null,
                    null,
                    partUuid,
                    null,
                    null,
                    null,
                    null,
                    null,
                    bootable,
                    offset,
                    align);
        }
        Section img = image.get();
        Optional<Section> ext4 = img.child("ext4");
        Optional<Section> vfat = img.child("vfat");
        if (ext4.isPresent()) {
            MkfsArgs args = MkfsArgs.split(ext4.get().value("extraargs").orElse(""), "-U", "-L");
            List<String> rest = new ArrayList<>(args.rest());
            ext4.get().value("features").ifPresent(f -> rest.addAll(List.of("-O", f)));
            String mount = img.value("mountpoint").orElse("/");
            return new PartitionSpec(
                    p.name,
                    type,
                    size,
                    null,
                    Filesystem.EXT4,
                    ext4.get().value("label").orElse(args.option("-L")),
                    args.option("-U"),
                    partUuid,
                    mount,
                    null,
                    null,
                    null,
                    rest,
                    bootable,
                    offset,
                    align);
        }
        if (vfat.isPresent()) {
            MkfsArgs args = MkfsArgs.split(vfat.get().value("extraargs").orElse(""), "-n", "-i");
            List<String> files = vfat.get().values.containsKey("files")
                    ? vfat.get().values.get("files").items()
                    : List.of();
            Optional<String> mount = img.value("mountpoint");
            return new PartitionSpec(
                    p.name,
                    type,
                    size,
                    null,
                    Filesystem.VFAT,
                    vfat.get().value("label").orElse(args.option("-n")),
                    Optional.ofNullable(args.option("-i"))
                            .map(GenimageConfig::volumeIdAsGuid)
                            .orElse(null),
                    partUuid,
                    mount.orElse(null),
                    null,
                    files,
                    null,
                    args.rest(),
                    bootable,
                    offset,
                    align);
        }
        String file = img.name;
        return new PartitionSpec(
                p.name,
                type,
                size,
                null,
                Filesystem.NONE,
                null,
                null,
                partUuid,
                null,
                null,
                null,
                Path.of(file),
                null,
                bootable,
                offset,
                align);
    }

    private Section image(String name) {
        return images.stream()
                .filter(i -> i.name.equals(name))
                .findFirst()
                .orElseGet(() -> new Section("image", name, 0, Map.of(), List.of()));
    }

    /** genimage's one-letter GPT type shortcuts, else a GUID or a crossroot type name. */
    static PartitionType typeShortcut(String t) {
        return switch (t) {
            case "L" -> PartitionType.LINUX;
            case "S" -> PartitionType.SWAP;
            case "U" -> PartitionType.ESP;
            case "F" -> PartitionType.FAT32;
            case "H" -> PartitionType.parse("933ac7e1-2eb4-4f13-b844-0e14e2aef915");
            case "R" -> PartitionType.parse("a19d880f-05fc-4d3b-a006-743f0f84911e");
            case "V" -> PartitionType.parse("e6d6d379-f507-44c2-a23c-238f2a3df928");
            default -> PartitionType.parse(t);
        };
    }

    /** libconfuse's booleans. */
    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not a boolean (true or false)");
        };
    }

    private static DiskLayout.Table table(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "gpt" -> DiskLayout.Table.GPT;
            case "mbr" -> DiskLayout.Table.MBR;
            case "hybrid", "none" ->
                throw new IllegalArgumentException(
                        "partition-table-type '" + text + "' is not " + "supported: crossroot writes 'mbr' or 'gpt'");
            default ->
                throw new IllegalArgumentException(
                        "unknown partition-table-type '" + text + "' (genimage's are " + "none, mbr, gpt and hybrid)");
        };
    }

    /** genimage's sizes (k, M, G, s suffixes); a percentage of the content is refused by name. */
    private static long size(String text) {
        if (text.strip().endsWith("%")) {
            throw new IllegalArgumentException("a size in percent of the content ('" + text + "') is not supported: "
                    + "leave the size out and crossroot sizes the filesystem from its content");
        }
        return Sizes.parse(text);
    }

    /** mkfs.vfat -i takes 8 hex digits; keep them recoverable in the GUID's low 32 bits. */
    static String volumeIdAsGuid(String hex) {
        return String.format(Locale.ROOT, "00000000-0000-0000-0000-0000%08x", Long.parseLong(hex, 16));
    }

    /** Splits an extraargs string into the options crossroot sets itself and the rest. */
    record MkfsArgs(Map<String, String> options, List<String> rest) {
        static MkfsArgs split(String text, String... taken) {
            List<String> words =
                    List.of(text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+"));
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
            while (pos < text.length()
                    && !Character.isWhitespace(text.charAt(pos))
                    && "={},;\"#".indexOf(text.charAt(pos)) < 0) {
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
                    line += (int) text.substring(pos, stop)
                            .chars()
                            .filter(ch -> ch == '\n')
                            .count();
                    pos = stop;
                } else {
                    return;
                }
            }
        }

        UsageError error(String message) {
            return new UsageError(source + ":" + tokenLine + ": " + message + ". " + FIX);
        }
    }

    static final class Parser {
        private final Lexer lex;
        private String peeked;

        private final InputProblems problems;

        Parser(Lexer lex, InputProblems problems) {
            this.lex = lex;
            this.problems = problems;
        }

        /** Every top-level section: images, and config or flash sections for the options check to refuse. */
        List<Section> top() {
            List<Section> out = new ArrayList<>();
            String t;
            while ((t = take()) != null) {
                out.add(sectionBody(t, t.equals("image") ? requireName("image") : optionalName()));
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
                    Value first = values.putIfAbsent(key, new Value(value(), valueLine));
                    if (first != null) {
                        problems.add(
                                valueLine,
                                kind + (name.isEmpty() ? "" : " " + name) + ": option '" + key
                                        + "' is set twice (first on line " + first.line() + "); keep one");
                    }
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
                throw lex.error(
                        "expected '" + token + "' but found " + (t == null ? "the end of the file" : "'" + t + "'"));
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
