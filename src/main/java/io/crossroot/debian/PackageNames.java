package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.util.regex.Pattern;

/**
 * Debian Policy's syntax for package, architecture and suite names, checked where they are read: the names become
 * file names (dpkg's info/NAME.list), shell words (maintainer script invocations) and log names, so a name
 * dpkg itself would refuse never gets that far.
 */
public final class PackageNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+"); // Policy 5.6.1
    private static final Pattern ARCHITECTURE = Pattern.compile("[a-z0-9][a-z0-9-]*"); // dpkg-architecture's names
    private static final Pattern SUITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*"); // trixie, stable, sid-updates

    private PackageNames() {}

    /** The package name, or a {@link UserError} naming {@code source} (a file, an index line). */
    public static String name(String name, Object source) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserError(source + " has the package name '" + name + "', which Debian Policy does not allow "
                    + "(lower-case letters, digits, '+', '-' and '.', at least two characters, starting with a letter or "
                    + "digit); dpkg refuses it too. The input is corrupt or malicious.");
        }
        return name;
    }

    /** The architecture name ("riscv64", "all"), or a {@link UserError} naming {@code source}. */
    public static String architecture(String arch, Object source) {
        if (arch == null || !ARCHITECTURE.matcher(arch).matches()) {
            throw new UserError(source + " has the architecture '" + arch + "', which is not a Debian architecture "
                    + "name (lower-case letters, digits and '-'). The input is corrupt or malicious.");
        }
        return arch;
    }

    /** The suite or codename ("trixie", "stable"): one name under the mirror's dists/, never a path. */
    public static String suite(String suite, Object source) {
        if (suite == null || !SUITE.matcher(suite).matches()) {
            throw new UserError(source + " names the suite '" + suite + "', which is not a Debian suite or codename "
                    + "(letters, digits, '.', '_', '+' and '-', starting with a letter or digit; e.g. trixie, stable, "
                    + "sid).");
        }
        return suite;
    }

    /** The version, checked by {@link Version#parse}, or a {@link UserError} naming {@code source}. */
    public static String version(String version, Object source) {
        try {
            Version.parse(version);
        } catch (UserError e) {
            throw new UserError(source + ": " + e.getMessage(), e);
        }
        return version;
    }
}
