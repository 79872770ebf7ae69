package io.crossroot.debian;

import java.util.List;
import java.util.Set;

/**
 * One build-profile term inside "&lt;...&gt;", e.g. "!nocheck". A relation carries a list of such lists: the
 * relation applies when any list has all its terms true (a disjunction of conjunctions).
 */
public record RelationProfileTerm(String profile, boolean negated) {
    public boolean holds(Set<String> activeProfiles) {
        return activeProfiles.contains(profile) != negated;
    }

    /** Whether a relation with these restriction lists applies for the active profiles (none: always). */
    public static boolean appliesTo(List<List<RelationProfileTerm>> formula, Set<String> activeProfiles) {
        return formula.isEmpty()
                || formula.stream().anyMatch(all -> all.stream().allMatch(t -> t.holds(activeProfiles)));
    }

    @Override
    public String toString() {
        return (negated ? "!" : "") + profile;
    }
}
