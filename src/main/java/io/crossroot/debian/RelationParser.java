package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses relation fields (Depends, Pre-Depends, Build-Depends, Conflicts, Breaks, Provides, ...) as Debian
 * Policy 7.1 writes them: comma-separated groups of '|'-separated alternatives. Empty entries (a trailing comma)
 * are skipped as dpkg does.
 */
public final class RelationParser {
    private static final Pattern ALTERNATIVE = Pattern.compile("(?<name>[a-z0-9][a-z0-9+.-]*)"
            + "(?::(?<qual>[a-z0-9][a-z0-9-]*))?"
            + "\\s*(?:\\(\\s*(?<op><<|<=|>=|>>|=|<|>)\\s*(?<ver>[^\\s()]+)\\s*\\))?"
            + "\\s*(?:\\[(?<arches>[^\\[\\]]*)])?"
            + "\\s*(?<profiles>(?:<[^<>]*>\\s*)*)");
    private static final Pattern TERM = Pattern.compile("(!?)([a-z0-9][a-z0-9.+-]*)");

    private RelationParser() {}

    /** Parses a field whose entries may have alternatives, e.g. Depends. {@code field} names it in errors. */
    public static List<RelationGroup> parse(String field, String text) {
        List<RelationGroup> groups = new ArrayList<>();
        if (text == null) {
            return groups;
        }
        for (String entry : text.split(",", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            List<Relation> alternatives = new ArrayList<>();
            for (String alt : entry.split("\\|", -1)) {
                alternatives.add(parseAlternative(field, text, alt.strip()));
            }
            groups.add(new RelationGroup(alternatives));
        }
        return groups;
    }

    /** Parses a Depends-style text; errors call it a "relation field". */
    public static List<RelationGroup> parse(String text) {
        return parse("relation", text);
    }

    /** Parses a field that allows no alternatives: Conflicts, Breaks, Provides, Replaces. */
    public static List<Relation> parseWithoutAlternatives(String field, String text) {
        List<Relation> out = new ArrayList<>();
        for (RelationGroup g : parse(field, text)) {
            if (!g.isSingle()) {
                throw malformed(field, text, g.toString(), "this field does not allow alternatives ('|')");
            }
            out.add(g.alternatives().get(0));
        }
        return out;
    }

    private static Relation parseAlternative(String field, String text, String alt) {
        if (alt.isEmpty()) {
            throw malformed(field, text, alt, "an alternative between '|' is empty");
        }
        Matcher m = ALTERNATIVE.matcher(alt);
        if (!m.matches()) {
            throw malformed(field, text, alt, diagnose(alt));
        }
        VersionConstraint constraint = null;
        if (m.group("op") != null) {
            Version v;
            try {
                v = Version.parse(m.group("ver"));
            } catch (UserError e) {
                throw malformed(field, text, alt, e.getMessage());
            }
            constraint = new VersionConstraint(RelationOperator.fromSymbol(m.group("op")), v);
        }
        return new Relation(
                m.group("name"),
                m.group("qual"),
                constraint,
                archTerms(field, text, alt, m.group("arches")),
                profileGroups(field, text, alt, m.group("profiles")));
    }

    private static List<RelationArchRestriction> archTerms(String field, String text, String alt, String list) {
        List<RelationArchRestriction> terms = new ArrayList<>();
        if (list == null) {
            return terms;
        }
        for (String t : words(list)) {
            Matcher m = TERM.matcher(t);
            if (!m.matches()) {
                throw malformed(field, text, alt, "'" + t + "' is not an architecture");
            }
            terms.add(new RelationArchRestriction(m.group(2), !m.group(1).isEmpty()));
        }
        if (terms.isEmpty()) {
            throw malformed(field, text, alt, "the architecture list '[]' is empty");
        }
        return terms;
    }

    private static List<List<RelationProfileTerm>> profileGroups(String field, String text, String alt, String all) {
        List<List<RelationProfileTerm>> groups = new ArrayList<>();
        Matcher g = Pattern.compile("<([^<>]*)>").matcher(all);
        while (g.find()) {
            List<RelationProfileTerm> terms = new ArrayList<>();
            for (String t : words(g.group(1))) {
                Matcher m = TERM.matcher(t);
                if (!m.matches()) {
                    throw malformed(field, text, alt, "'" + t + "' is not a build profile name");
                }
                terms.add(new RelationProfileTerm(m.group(2), !m.group(1).isEmpty()));
            }
            if (terms.isEmpty()) {
                throw malformed(field, text, alt, "a build profile list '<>' is empty");
            }
            groups.add(terms);
        }
        return groups;
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    /** A short reason why an alternative does not match the grammar. */
    private static String diagnose(String alt) {
        if (!alt.matches("[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?([\\s(\\[<].*)?")) {
            return "it does not start with a package name (lower-case letters, digits, '+', '-', '.')";
        }
        if (count(alt, '(') != count(alt, ')')) {
            return "a '(' has no matching ')' or the other way round";
        }
        if (count(alt, '[') != count(alt, ']')) {
            return "a '[' has no matching ']' or the other way round";
        }
        if (alt.contains("(") && !alt.matches(".*\\(\\s*(<<|<=|>=|>>|=|<|>).*")) {
            return "the version constraint needs an operator: <<, <=, =, >= or >>";
        }
        if (alt.matches(".*\\(\\s*\\S+\\s*\\)\\s*\\(.*") || alt.matches(".*\\(\\s*\\S+\\s+\\S+\\s+\\S+.*\\).*")) {
            return "only one '(OPERATOR VERSION)' is allowed";
        }
        return "expected NAME[:ARCH] [(OP VERSION)] [[ARCH ...]] [<PROFILE ...>]";
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static UserError malformed(String field, String text, String alt, String why) {
        String reason = why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
        return new UserError(
                "The " + field + " field '" + oneLine(text) + "' is malformed at '" + alt + "': " + reason + ".");
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s*\n\\s*", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
