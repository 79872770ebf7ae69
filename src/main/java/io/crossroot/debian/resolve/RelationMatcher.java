package io.crossroot.debian.resolve;

import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationOperator;

/**
 * Decides whether a binary package satisfies a relation, by its own name or through a Provides entry, with
 * dpkg's rules (lib/dpkg/depcon.c: archsatisfied, pkg_virtual_deppossi_satisfied). The one place this rule lives;
 * the index, the resolver and the install order all ask it.
 */
public final class RelationMatcher {
    private final String nativeArch;

    public RelationMatcher(String nativeArch) {
        this.nativeArch = nativeArch;
    }

    public String nativeArch() {
        return nativeArch;
    }

    /** Whether {@code target} satisfies a dependency {@code r} declared by a package of {@code dependerArch}. */
    public boolean satisfies(BinaryPackage target, Relation r, String dependerArch) {
        return matches(target, r, dependerArch, false);
    }

    /** Whether {@code target} is hit by a Conflicts or Breaks entry {@code r} of {@code declarer}. */
    public boolean conflicts(BinaryPackage declarer, Relation r, BinaryPackage target) {
        // a package may conflict with a virtual package it provides itself: that never counts (Policy 7.6.2)
        return !declarer.name().equals(target.name()) && matches(target, r, declarer.architecture(), true);
    }

    /** Whether the package's own name and version satisfy {@code r}, ignoring its Provides. */
    public boolean satisfiesByName(BinaryPackage target, Relation r, String dependerArch) {
        return byName(target, r, dependerArch, false);
    }

    /** Whether one of the package's Provides entries satisfies {@code r}. */
    public boolean satisfiesByProvides(BinaryPackage target, Relation r, String dependerArch, boolean negative) {
        if (!archSatisfied(target, r, dependerArch, negative)) {
            return false;
        }
        for (Relation provided : target.provides()) {
            if (provided.name().equals(r.name()) && providedVersionSatisfies(provided, r)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(BinaryPackage target, Relation r, String dependerArch, boolean negative) {
        return byName(target, r, dependerArch, negative) || satisfiesByProvides(target, r, dependerArch, negative);
    }

    private boolean byName(BinaryPackage target, Relation r, String dependerArch, boolean negative) {
        return target.name().equals(r.name())
                && r.allowsVersion(target.version())
                && archSatisfied(target, r, dependerArch, negative);
    }

    /** An unversioned Provides satisfies only unversioned relations; a versioned one is "= V". */
    private static boolean providedVersionSatisfies(Relation provided, Relation wanted) {
        if (wanted.constraint() == null) {
            return true;
        }
        if (provided.constraint() == null || provided.constraint().operator() != RelationOperator.EQUAL) {
            return false;
        }
        return wanted.allowsVersion(provided.constraint().version());
    }

    /** dpkg's archsatisfied(): does the package's architecture fit the relation's (implicit or explicit) one. */
    private boolean archSatisfied(BinaryPackage target, Relation r, String dependerArch, boolean negative) {
        String qualifier = r.archQualifier();
        if (qualifier == null && target.multiArch() == MultiArch.FOREIGN) {
            return true;
        }
        if ("any".equals(qualifier)) {
            // :any needs Multi-Arch: allowed; for Conflicts/Breaks it simply means every architecture
            return negative || target.multiArch() == MultiArch.ALLOWED;
        }
        String wanted = qualifier == null ? dependerArch : qualifier.equals("native") ? nativeArch : qualifier;
        return effectiveArch(wanted).equals(effectiveArch(target.architecture()));
    }

    private String effectiveArch(String arch) {
        return arch == null || arch.equals("all") ? nativeArch : arch;
    }
}
