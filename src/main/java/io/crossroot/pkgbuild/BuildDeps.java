package io.crossroot.pkgbuild;

import io.crossroot.debian.Paragraph;
import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationGroup;
import io.crossroot.debian.RelationParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The build-dependencies a binary-arch build (dpkg-buildpackage -B) needs: Build-Depends plus Build-Depends-Arch
 * (never -Indep), each entry reduced for the target architecture and active build profiles the way
 * dpkg-checkbuilddeps reduces them. What is left is plain relations the resolver can install.
 */
public record BuildDeps(List<RelationGroup> groups) {
    /** Fields a binary-arch build must satisfy, in the order dpkg-checkbuilddeps reads them. */
    public static final List<String> ARCH_FIELDS = List.of("Build-Depends", "Build-Depends-Arch");

    public BuildDeps {
        groups = List.copyOf(groups);
    }

    /** Evaluates a .dsc paragraph or debian/control's source stanza for {@code debianArch} and {@code profiles}. */
    public static BuildDeps of(Paragraph source, String debianArch, Set<String> profiles) {
        List<RelationGroup> out = new ArrayList<>();
        for (String field : ARCH_FIELDS) {
            for (RelationGroup g : RelationParser.parse(field, source.get(field))) {
                List<Relation> applicable = g.applicable(debianArch, profiles);
                if (!applicable.isEmpty()) {
                    out.add(new RelationGroup(applicable.stream()
                            .map(BuildDeps::withoutRestrictions)
                            .toList()));
                }
            }
        }
        return new BuildDeps(out);
    }

    private static Relation withoutRestrictions(Relation r) {
        return new Relation(r.name(), r.archQualifier(), r.constraint(), List.of(), List.of());
    }

    /** The entries as resolver roots ("debhelper-compat (= 13)", "a | b"). */
    public List<String> asIncludes() {
        return groups.stream().map(RelationGroup::toString).toList();
    }

    public boolean mentions(String name) {
        return groups.stream()
                .flatMap(g -> g.alternatives().stream())
                .anyMatch(r -> r.name().equals(name));
    }

    @Override
    public String toString() {
        return groups.stream().map(RelationGroup::toString).collect(Collectors.joining(", "));
    }
}
