package io.crossroot.rpm;

import io.crossroot.util.UserError;
import java.util.Objects;
import java.util.Optional;

/**
 * An RPM EVR, {@code [epoch:]version[-release]}, compared as rpm compares them: epoch as a number (missing is
 * 0), then version and release with {@link #rpmvercmp}. The release may be absent, as in a dependency
 * {@code foo >= 1.2}; {@link #compareTo} orders an absent release before any release (a total order), while
 * {@link #compareForDependency} ignores the release when either side has none, as rpm's range checks do.
 */
public final class RpmVersion implements Comparable<RpmVersion> {
    private final long epoch;
    private final boolean epochGiven;
    private final String version;
    private final String release; // null when absent

    private RpmVersion(long epoch, boolean epochGiven, String version, String release) {
        this.epoch = epoch;
        this.epochGiven = epochGiven;
        this.version = version;
        this.release = release;
    }

    /** Parses {@code [epoch:]version[-release]}, splitting the release at the last '-' as rpm does. */
    public static RpmVersion parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(String.valueOf(text), "it is empty");
        }
        int digits = 0;
        while (digits < text.length() && isDigit(text.charAt(digits))) {
            digits++;
        }
        long epoch = 0;
        boolean epochGiven = false;
        String rest = text;
        if (digits < text.length() && text.charAt(digits) == ':') {
            epoch = digits == 0 ? 0 : parseEpoch(text, text.substring(0, digits));
            epochGiven = true;
            rest = text.substring(digits + 1);
        }
        int hyphen = rest.lastIndexOf('-');
        String version = hyphen < 0 ? rest : rest.substring(0, hyphen);
        String release = hyphen < 0 ? null : rest.substring(hyphen + 1);
        return checked(text, epoch, epochGiven, version, release);
    }

    /**
     * The EVR as rpm-md spells it in separate attributes; a null or empty epoch is 0 and a null release absent.
     */
    public static RpmVersion of(String epoch, String version, String release) {
        String shown = (epoch == null ? "" : epoch + ":") + version + (release == null ? "" : "-" + release);
        boolean given = epoch != null && !epoch.isEmpty();
        long e = 0;
        if (given) {
            if (!epoch.chars().allMatch(RpmVersion::isDigit)) {
                throw invalid(shown, "the epoch '" + epoch + "' is not a number");
            }
            e = parseEpoch(shown, epoch);
        }
        if (version == null) {
            throw invalid(shown, "it has no version");
        }
        if (version.contains("-")) {
            throw invalid(shown, "the version '" + version + "' contains '-', which separates the release");
        }
        return checked(shown, e, given, version, release);
    }

    private static RpmVersion checked(String text, long epoch, boolean epochGiven, String version, String release) {
        if (version.isEmpty()) {
            throw invalid(text, "the version is empty");
        }
        if (release != null && release.isEmpty()) {
            throw invalid(text, "the release after the last '-' is empty");
        }
        for (String part : release == null ? new String[] {version} : new String[] {version, release}) {
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                    throw invalid(text, "it contains white space or a control character");
                }
                if (c == ':') {
                    throw invalid(text, "':' may only follow a numeric epoch");
                }
            }
        }
        return new RpmVersion(epoch, epochGiven, version, release);
    }

    private static long parseEpoch(String text, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalid(text, "the epoch is too large");
        }
    }

    private static UserError invalid(String text, String why) {
        return new RpmVersionError("'" + text + "' is not a valid RPM version: " + why + ". RPM versions have the "
                + "form [epoch:]version[-release], e.g. 1:2.38-4.fc40.");
    }

    public long epoch() {
        return epoch;
    }

    public String version() {
        return version;
    }

    public Optional<String> release() {
        return Optional.ofNullable(release);
    }

    /** Total order: epoch, version, then release, an absent release before any. */
    @Override
    public int compareTo(RpmVersion o) {
        int c = compareEpochVersion(o);
        if (c != 0) {
            return c;
        }
        if (release == null || o.release == null) {
            return release == null ? (o.release == null ? 0 : -1) : 1;
        }
        return rpmvercmp(release, o.release);
    }

    /** rpm's rpmverCmp: like {@link #compareTo}, but the release counts only when both sides have one. */
    public int compareForDependency(RpmVersion o) {
        int c = compareEpochVersion(o);
        if (c != 0 || release == null || o.release == null) {
            return c;
        }
        return rpmvercmp(release, o.release);
    }

    private int compareEpochVersion(RpmVersion o) {
        int c = Long.compare(epoch, o.epoch);
        return c != 0 ? c : rpmvercmp(version, o.version);
    }

    /**
     * rpm's rpmvercmp: alternating runs of ASCII digits and letters are compared (numbers numerically, without
     * leading zeros, and newer than letters); other characters only separate runs; '~' sorts before anything,
     * even the end, and '^' after the end but before anything else. Returns -1, 0 or 1.
     */
    public static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && isSeparator(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && isSeparator(b.charAt(j))) {
                j++;
            }
            char ca = i < a.length() ? a.charAt(i) : 0;
            char cb = j < b.length() ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (ca == 0) {
                    return -1;
                }
                if (cb == 0) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == 0 || cb == 0) {
                break;
            }
            boolean numeric = isDigit(ca);
            int endA = runEnd(a, i, numeric);
            int endB = runEnd(b, j, numeric);
            if (endB == j) {
                return numeric ? 1 : -1; // a number is newer than letters
            }
            if (numeric) {
                while (i < endA && a.charAt(i) == '0') {
                    i++;
                }
                while (j < endB && b.charAt(j) == '0') {
                    j++;
                }
                int lengths = Integer.compare(endA - i, endB - j);
                if (lengths != 0) {
                    return lengths;
                }
            }
            int c = a.substring(i, endA).compareTo(b.substring(j, endB));
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
            i = endA;
            j = endB;
        }
        if (i >= a.length() && j >= b.length()) {
            return 0;
        }
        return i >= a.length() ? -1 : 1;
    }

    private static int runEnd(String s, int from, boolean numeric) {
        int k = from;
        while (k < s.length() && (numeric ? isDigit(s.charAt(k)) : isLetter(s.charAt(k)))) {
            k++;
        }
        return k;
    }

    private static boolean isSeparator(char c) {
        return !isDigit(c) && !isLetter(c) && c != '~' && c != '^';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Equal when {@link #compareTo} says so: "1.0" equals "1.00", "0:1.0" equals "1.0". */
    @Override
    public boolean equals(Object o) {
        return o instanceof RpmVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        // rpmvercmp-equal strings share their digit/letter runs without leading zeros; hash those.
        return Objects.hash(epoch, canonical(version), release == null ? null : canonical(release));
    }

    private static String canonical(String s) {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '~' || c == '^') {
                sb.append(c);
                k++;
            } else if (isDigit(c)) {
                int end = runEnd(s, k, true);
                while (k < end - 1 && s.charAt(k) == '0') {
                    k++;
                }
                sb.append('#').append(s, k, end);
                k = end;
            } else if (isLetter(c)) {
                int end = runEnd(s, k, false);
                sb.append('@').append(s, k, end);
                k = end;
            } else {
                k++;
            }
        }
        return sb.toString();
    }

    /** {@code [epoch:]version[-release]}, the epoch shown only when it was given or is not 0. */
    @Override
    public String toString() {
        return (epochGiven || epoch != 0 ? epoch + ":" : "") + version + (release == null ? "" : "-" + release);
    }
}
