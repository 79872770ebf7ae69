package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Debian package version, {@code [epoch:]upstream_version[-debian_revision]}, compared exactly as dpkg does
 * (Debian Policy 5.6.12). Versions that dpkg considers equal ("1.0" and "1.00", "1.0" and "0:1.0-0") are
 * {@link #equals equal} here too; {@link #toString()} keeps the text as written.
 */
public final class Version implements Comparable<Version> {
    private final String text;
    private final long epoch;
    private final String upstream;
    private final String revision; // "" when absent: dpkg compares an absent revision like "0"

    private Version(String text, long epoch, String upstream, String revision) {
        this.text = text;
        this.epoch = epoch;
        this.upstream = upstream;
        this.revision = revision;
    }

    /** Parses a version; throws {@link UserError} naming the text and the rule it breaks. */
    public static Version parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "it is empty");
        }
        String v = text.strip();
        if (v.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(v, "it contains white space");
        }
        long epoch = 0;
        String rest = v;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String e = v.substring(0, colon);
            if (e.isEmpty() || !e.chars().allMatch(Version::isDigit)) {
                throw invalid(v, "the epoch before ':' must be a number");
            }
            try {
                epoch = Long.parseLong(e);
            } catch (NumberFormatException ex) {
                throw invalid(v, "the epoch is too large");
            }
            rest = v.substring(colon + 1);
        }
        String upstream = rest;
        String revision = "";
        int hyphen = rest.lastIndexOf('-');
        if (hyphen >= 0) {
            upstream = rest.substring(0, hyphen);
            revision = rest.substring(hyphen + 1);
            if (revision.isEmpty()) {
                throw invalid(v, "the Debian revision after the last '-' is empty");
            }
        }
        if (upstream.isEmpty()) {
            throw invalid(v, "the upstream version is empty");
        }
        if (!isDigit(upstream.charAt(0))) {
            throw invalid(v, "the upstream version must start with a digit");
        }
        checkChars(v, upstream, ".+~-:", "upstream version");
        checkChars(v, revision, ".+~", "Debian revision");
        return new Version(v, epoch, upstream, revision);
    }

    private static void checkChars(String whole, String part, String allowed, String what) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!isDigit(c) && !isLetter(c) && allowed.indexOf(c) < 0) {
                throw invalid(
                        whole,
                        "the " + what + " contains '" + c + "'; only letters, digits and '" + allowed
                                + "' are allowed there");
            }
        }
    }

    private static UserError invalid(String text, String why) {
        return new UserError("'" + text + "' is not a valid Debian version: " + why
                + " (Debian Policy 5.6.12: [epoch:]upstream_version[-debian_revision]).");
    }

    public long epoch() {
        return epoch;
    }

    public String upstream() {
        return upstream;
    }

    /** The Debian revision, or "" when the version has none. */
    public String revision() {
        return revision;
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        c = compareFragment(upstream, o.upstream);
        return c != 0 ? c : compareFragment(revision, o.revision);
    }

    public boolean isNewerThan(Version o) {
        return compareTo(o) > 0;
    }

    /**
     * dpkg's verrevcmp: alternately compare a non-digit run (character by character with {@link #order}) and a
     * digit run (numerically, so leading zeros do not count).
     */
    static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDiff = 0;
            while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1; // a's number has more digits
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    /** Sort weight of one character: '~' before the end of the string, the end before letters, letters before the rest. */
    private static int order(char c) {
        if (isDigit(c)) {
            return 0;
        } else if (isLetter(c)) {
            return c;
        } else if (c == '~') {
            return -1;
        } else {
            return c + 256;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, canonical(upstream), canonical(revision));
    }

    /**
     * A form that is equal for exactly the fragments {@link #compareFragment} finds equal: numbers without leading
     * zeros, and trailing "empty text, zero number" pairs dropped (dpkg treats "1.0" and "1.0-0" alike).
     */
    private static List<String> canonical(String s) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && !isDigit(s.charAt(i))) {
                i++;
            }
            parts.add(s.substring(start, i));
            start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            String digits = s.substring(start, i).replaceFirst("^0+", "");
            parts.add(digits);
        }
        while (parts.size() >= 2
                && parts.get(parts.size() - 1).isEmpty()
                && parts.get(parts.size() - 2).isEmpty()) {
            parts.remove(parts.size() - 1);
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    @Override
    public String toString() {
        return text;
    }
}
