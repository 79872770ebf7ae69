package io.crossroot.rpm.resolve;

/**
 * Why a package is in a resolved set.
 *
 * @param requiredBy the package whose dependency pulled it in, or null for a requested package
 * @param via        for a dependency, the field and dependency ("Requires: libc.so.6()(64bit)"); for a requested
 *                   package, what asked for it ("requested", "@core")
 */
public record RpmReason(String requiredBy, String via) {
    public static RpmReason requested(String why) {
        return new RpmReason(null, why);
    }

    public boolean isRequested() {
        return requiredBy == null;
    }
}
