package io.crossroot.debian;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One package relation: {@code name[:archqual] [(OP version)] [arch restrictions] [<profiles>...]}.
 *
 * @param name                 package (or virtual package) name
 * @param archQualifier        "any", "native", a Debian architecture, or null when absent
 * @param constraint           the version constraint, or null when absent
 * @param archRestrictions     "[...]" terms (source relations only); empty when absent
 * @param profileRestrictions  one list per "<...>" group (source relations only); empty when absent
 */
public record Relation(
        String name,
        String archQualifier,
        VersionConstraint constraint,
        List<RelationArchRestriction> archRestrictions,
        List<List<RelationProfileTerm>> profileRestrictions) {

    public Relation {
        archRestrictions = List.copyOf(archRestrictions);
        profileRestrictions = profileRestrictions.stream().map(List::copyOf).toList();
    }

    /** A plain relation on a name, with an optional constraint. */
    public static Relation of(String name, VersionConstraint constraint) {
        return new Relation(name, null, constraint, List.of(), List.of());
    }

    public Optional<String> archQualifierOpt() {
        return Optional.ofNullable(archQualifier);
    }

    public Optional<VersionConstraint> constraintOpt() {
        return Optional.ofNullable(constraint);
    }

    /** Whether a version satisfies the constraint (always, when there is none). */
    public boolean allowsVersion(Version v) {
        return constraint == null || constraint.allows(v);
    }

    /** Whether the relation applies when building on {@code debianArch} with {@code activeProfiles}. */
    public boolean appliesTo(String debianArch, Set<String> activeProfiles) {
        return RelationArchRestriction.appliesTo(archRestrictions, debianArch)
                && RelationProfileTerm.appliesTo(profileRestrictions, activeProfiles);
    }

    /** The relation in Debian syntax, e.g. "libc6:any (>= 2.36) [!riscv64] <!nocheck>". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (archQualifier != null) {
            sb.append(':').append(archQualifier);
        }
        if (constraint != null) {
            sb.append(" (").append(constraint).append(')');
        }
        if (!archRestrictions.isEmpty()) {
            sb.append(archRestrictions.stream().map(Object::toString).collect(Collectors.joining(" ", " [", "]")));
        }
        for (List<RelationProfileTerm> group : profileRestrictions) {
            sb.append(group.stream().map(Object::toString).collect(Collectors.joining(" ", " <", ">")));
        }
        return sb.toString();
    }
}
