package io.crossroot.rpm.repo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dnf/yum .repo files (INI: [id] sections of key=value, values continued on indented lines, # and ;
 * comments) with dnf's $variable substitution. crossroot needs a baseurl: a repository given only by metalink or
 * mirrorlist is refused with advice, since following those lists is a network lookup crossroot does not make.
 */
public final class RepoFileParser {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)}|([A-Za-z0-9_]+))");
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]]+)]");

    private RepoFileParser() {}

    /**
     * The repositories of {@code text}, in file order; {@code source} names the file in errors and {@code
     * variables} gives dnf's variables, e.g. basearch=riscv64, arch=riscv64, releasever=24.03.
     */
    public static List<RepoDefinition> parse(String text, String source, Map<String, String> variables) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Integer> sectionLines = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                String id = section.group(1).strip();
                if (sections.containsKey(id)) {
                    throw error(source, number, "the repository [" + id + "] is defined twice");
                }
                current = new LinkedHashMap<>();
                sections.put(id, current);
                sectionLines.put(id, number);
                lastKey = null;
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null) {
                current.merge(lastKey, line, (a, b) -> a + "\n" + b);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(source, number, "'" + line + "' is neither a [section] nor key=value");
            }
            if (current == null) {
                throw error(source, number, "'" + line + "' comes before the first [repository-id] section");
            }
            lastKey = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            current.put(lastKey, line.substring(eq + 1).strip());
        }
        List<RepoDefinition> out = new ArrayList<>();
        sections.forEach((id, values) -> out.add(definition(id, values, source, sectionLines.get(id), variables)));
        return out;
    }

    private static RepoDefinition definition(
            String id, Map<String, String> values, String source, int line, Map<String, String> variables) {
        String where = "repository [" + id + "]";
        List<URI> baseUrls = urls(values.get("baseurl"), source, line, where, "baseurl", variables);
        if (baseUrls.isEmpty()) {
            String list = values.containsKey("metalink")
                    ? "metalink"
                    : values.containsKey("mirrorlist") ? "mirrorlist" : null;
            throw error(
                    source,
                    line,
                    "the " + where + " has no baseurl"
                            + (list == null ? "" : ", only a " + list + ", which crossroot does not follow")
                            + ". Add a baseurl= line naming one mirror's directory that holds repodata/ (e.g. the URL "
                            + "dnf downloads from, shown by 'dnf repoinfo " + id + "')");
        }
        return new RepoDefinition(
                id,
                substitute(values.getOrDefault("name", id), source, line, where, variables),
                baseUrls,
                urls(values.get("gpgkey"), source, line, where, "gpgkey", variables),
                bool(values.get("gpgcheck"), false, source, line, where, "gpgcheck"),
                bool(values.get("repo_gpgcheck"), false, source, line, where, "repo_gpgcheck"),
                bool(values.get("enabled"), true, source, line, where, "enabled"));
    }

    private static List<URI> urls(
            String value, String source, int line, String where, String key, Map<String, String> variables) {
        List<URI> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String word : value.split("[\\s,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String url = substitute(word, source, line, where, variables);
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!List.of("http", "https", "file").contains(scheme)) {
                    throw error(
                            source,
                            line,
                            "the " + where + " has the " + key + " '" + url + "', which is not an "
                                    + "http://, https:// or file:// URL");
                }
                out.add(uri);
            } catch (URISyntaxException e) {
                throw error(
                        source,
                        line,
                        "the " + where + " has the " + key + " '" + url + "', which is not a URL (" + e.getReason()
                                + ")");
            }
        }
        return out;
    }

    private static String substitute(
            String value, String source, int line, String where, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String replacement = variables.get(name);
            if (replacement == null) {
                throw error(
                        source,
                        line,
                        "the " + where + " uses $" + name + ", which crossroot does not know "
                                + "(known: "
                                + String.join(
                                        ", ",
                                        variables.keySet().stream().sorted().toList())
                                + "); replace it with its value");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static boolean bool(String value, boolean absent, String source, int line, String where, String key) {
        if (value == null) {
            return absent;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default ->
                throw error(
                        source,
                        line,
                        "the " + where + " has " + key + "=" + value + ", which is not a " + "boolean (use 1 or 0)");
        };
    }

    private static RepoConfigError error(String source, int line, String what) {
        return new RepoConfigError(
                "The repository file " + source + " (line " + line + ") cannot be used: " + what + ".");
    }
}
