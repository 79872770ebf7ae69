package io.crossroot.debian.resolve;

/**
 * Why a package is in a resolved set.
 *
 * @param requiredBy the package whose dependency pulled it in, or null for a starting package
 * @param via        for a dependency, the relation text ("Depends: libc6 (>= 2.38)"); for a starting package, the
 *                   rule that chose it ("Essential: yes", "Priority: required", "requested")
 */
public record Reason(String requiredBy, String via) {
    public static Reason root(String rule) {
        return new Reason(null, rule);
    }

    public boolean isRoot() {
        return requiredBy == null;
    }
}
