package io.crossroot.debian.resolve;

import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationGroup;
import io.crossroot.debian.RelationParser;
import io.crossroot.debian.Version;
import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes the closure of a package set over Pre-Depends and Depends (not Recommends), as apt would for an empty
 * system: the first installable alternative wins unless another one is already chosen, the highest satisfying
 * version is taken, virtual packages go to their providers, and a candidate that Conflicts/Breaks with the set
 * (either way round) is skipped. A choice whose own dependencies fail is taken back and the next one tried.
 */
public final class Resolver {
    /** Bounds the backtracking search on pathological indexes. */
    private static final int MAX_ATTEMPTS = 100_000;

    private final PackageIndex index;

    public Resolver(PackageIndex index) {
        this.index = index;
    }

    /** The variant's package set. */
    public Resolution resolve(Variant variant) {
        return resolve(variant, List.of());
    }

    /**
     * The variant's package set plus {@code include}: package names or relations ("foo (>= 2)", "a | b"), as
     * mmdebstrap's --include takes them.
     */
    public Resolution resolve(Variant variant, List<String> include) {
        List<List<Root>> phases = new ArrayList<>(variant.phases(index));
        phases.add(roots(include));
        return resolvePhases(phases);
    }

    /** Only {@code packages} and their dependencies (mmdebstrap's custom variant). */
    public Resolution resolve(List<String> packages) {
        return resolvePhases(List.of(roots(packages)));
    }

    private static List<Root> roots(List<String> texts) {
        List<Root> out = new ArrayList<>();
        for (String t : texts) {
            RelationParser.parse("package list", t).forEach(g -> out.add(new Root(g, "requested")));
        }
        return out;
    }

    private Resolution resolvePhases(List<List<Root>> phases) {
        return new Run().resolve(phases);
    }

    /** One resolution's mutable state; the Resolver itself stays reusable and thread-safe. */
    private final class Run {
        private final Selection selection = new Selection(index.matcher());
        private int attempts;

        Resolution resolve(List<List<Root>> phases) {
            try {
                for (List<Root> phase : phases) {
                    // like apt-get install: mark every requested package first, then follow dependencies, so that a
                    // requested package is preferred over alternatives of the same dependency
                    List<BinaryPackage> chosen = new ArrayList<>();
                    for (Root root : phase) {
                        selectRoot(root).ifPresent(chosen::add);
                    }
                    for (BinaryPackage p : chosen) {
                        expand(p);
                    }
                }
            } catch (Unsatisfiable e) {
                throw new UserError("Cannot resolve the package set for " + index.nativeArch() + " from "
                        + index.label() + ": " + e.getMessage() + ".");
            }
            return selection.toResolution();
        }

        /** Chooses a starting package; empty when the set already satisfies it. */
        private Optional<BinaryPackage> selectRoot(Root root) throws Unsatisfiable {
            String arch = index.nativeArch();
            if (satisfied(root.relation(), arch)) {
                return Optional.empty();
            }
            List<String> failures = new ArrayList<>();
            for (Relation alt : root.relation().alternatives()) {
                List<BinaryPackage> candidates = index.candidates(alt, arch);
                if (candidates.isEmpty()) {
                    failures.add(whyNoCandidate(alt, arch));
                }
                for (BinaryPackage c : candidates) {
                    Optional<String> refusal = refusal(c);
                    if (refusal.isEmpty()) {
                        selection.add(c, Reason.root(root.why()));
                        return Optional.of(c);
                    }
                    failures.add(refusal.get());
                }
            }
            throw new Unsatisfiable(
                    root.relation() + " (" + root.why() + ") cannot be installed: " + String.join("; ", failures));
        }

        /** Satisfies each Pre-Depends and Depends entry of a package just chosen. */
        private void expand(BinaryPackage p) throws Unsatisfiable {
            expand(p, "Pre-Depends", p.preDepends());
            expand(p, "Depends", p.depends());
        }

        private void expand(BinaryPackage p, String field, List<RelationGroup> groups) throws Unsatisfiable {
            for (RelationGroup g : groups) {
                if (!satisfied(g, p.architecture())) {
                    choose(p, field, g);
                }
            }
        }

        private void choose(BinaryPackage depender, String field, RelationGroup group) throws Unsatisfiable {
            List<String> failures = new ArrayList<>();
            Unsatisfiable deeper = null;
            for (Relation alt : group.alternatives()) {
                List<BinaryPackage> candidates = index.candidates(alt, depender.architecture());
                if (candidates.isEmpty()) {
                    failures.add(whyNoCandidate(alt, depender.architecture()));
                }
                for (BinaryPackage c : candidates) {
                    Optional<String> refusal = refusal(c);
                    if (refusal.isPresent()) {
                        failures.add(refusal.get());
                        continue;
                    }
                    if (++attempts > MAX_ATTEMPTS) {
                        throw new UserError("Dependency resolution gave up after " + MAX_ATTEMPTS + " attempts while "
                                + "choosing for " + depender.name() + " " + field + ": " + group + ".");
                    }
                    int mark = selection.mark();
                    selection.add(c, new Reason(depender.name(), field + ": " + group));
                    try {
                        expand(c);
                        return;
                    } catch (Unsatisfiable e) {
                        selection.rollback(mark);
                        if (deeper == null) {
                            deeper = e;
                        }
                        failures.add(c.name() + " cannot be installed");
                    }
                }
            }
            if (deeper != null && group.isSingle() && failures.size() == 1) {
                throw deeper; // the one way to satisfy it failed further down: that message names the real cause
            }
            String because = failures.size() == 1
                    ? failures.get(0)
                    : "none of the alternatives can be installed: " + String.join("; ", failures);
            String message = depender.name() + " " + (field.equals("Depends") ? "depends on" : "pre-depends on") + " "
                    + group + " but " + because + "; " + depender.name() + " was pulled by: "
                    + selection.describeChain(depender.name());
            throw new Unsatisfiable(
                    deeper == null ? message : message + " (first failure: " + deeper.getMessage() + ")");
        }

        private boolean satisfied(RelationGroup g, String dependerArch) {
            return g.alternatives().stream()
                    .anyMatch(r -> selection.satisfier(r, dependerArch).isPresent());
        }

        /** Why a candidate cannot join the current set, if it cannot. */
        private Optional<String> refusal(BinaryPackage c) {
            BinaryPackage same = selection.get(c.name());
            if (same != null) { // one version per package: the chosen one does not fit this relation
                return Optional.of(same.label() + " is already chosen (" + selection.describeChain(c.name()) + ")");
            }
            return selection.conflictWith(c);
        }
    }

    /** Why the index offers nothing that satisfies {@code r}. */
    private String whyNoCandidate(Relation r, String dependerArch) {
        List<BinaryPackage> versions = index.versionsOf(r.name());
        List<BinaryPackage> providers = index.providersOf(r.name());
        if (versions.isEmpty() && providers.isEmpty()) {
            return index.noSuchPackage(r.name());
        }
        if (!versions.isEmpty()) {
            List<BinaryPackage> rightVersion =
                    versions.stream().filter(p -> r.allowsVersion(p.version())).toList();
            if (rightVersion.isEmpty()) {
                return "the index has only "
                        + versions.stream()
                                .map(BinaryPackage::version)
                                .map(Version::toString)
                                .collect(Collectors.joining(", "))
                        + (providers.isEmpty() ? "" : " and no provider fits");
            }
            if (providers.isEmpty()) {
                BinaryPackage p = rightVersion.get(0);
                return "any".equals(r.archQualifier())
                        ? p.label() + " is not Multi-Arch: allowed, so it cannot satisfy " + r
                        : p.label() + " is not for the architecture "
                                + r.archQualifierOpt().orElse(dependerArch);
            }
        }
        return r.name() + " is provided only by "
                + providers.stream().map(BinaryPackage::label).collect(Collectors.joining(", "))
                + ", none of which satisfies " + r;
    }
}
