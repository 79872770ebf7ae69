package io.crossroot.debian.resolve;

import io.crossroot.util.UserError;
import java.util.Locale;

/** A binary package's Multi-Arch field (absent means {@link #NO}). */
public enum MultiArch {
    NO,
    /** Co-installable with itself for other architectures. */
    SAME,
    /** Satisfies dependencies of packages of any architecture. */
    FOREIGN,
    /** Satisfies "name:any" dependencies. */
    ALLOWED;

    public static MultiArch parse(String value, String packageName) {
        if (value == null) {
            return NO;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "no" -> NO;
            case "same" -> SAME;
            case "foreign" -> FOREIGN;
            case "allowed" -> ALLOWED;
            default ->
                throw new UserError("Package " + packageName + " has 'Multi-Arch: " + value
                        + "'; dpkg knows only no, same, foreign and allowed. The package index is damaged or too new.");
        };
    }
}
