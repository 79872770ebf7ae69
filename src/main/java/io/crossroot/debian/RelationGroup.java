package io.crossroot.debian;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One comma-separated entry of a relation field: alternatives separated by '|', satisfied by any one. */
public record RelationGroup(List<Relation> alternatives) {
    public RelationGroup {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a relation group needs at least one alternative");
        }
    }

    public static RelationGroup of(Relation single) {
        return new RelationGroup(List.of(single));
    }

    public boolean isSingle() {
        return alternatives.size() == 1;
    }

    /**
     * The group as it applies on an architecture with a set of build profiles: alternatives whose restrictions
     * exclude them are dropped; an empty result means the whole entry does not apply (dpkg-checkbuilddeps reduce_arch).
     */
    public List<Relation> applicable(String debianArch, Set<String> activeProfiles) {
        return alternatives.stream()
                .filter(r -> r.appliesTo(debianArch, activeProfiles))
                .toList();
    }

    @Override
    public String toString() {
        return alternatives.stream().map(Relation::toString).collect(Collectors.joining(" | "));
    }
}
