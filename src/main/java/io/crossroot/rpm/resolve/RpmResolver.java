package io.crossroot.rpm.resolve;

import io.crossroot.debian.resolve.Reason;
import io.crossroot.debian.resolve.Resolution;
import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmDependency.Simple;
import io.crossroot.rpm.RpmDependencyError;
import io.crossroot.rpm.repo.Comps;
import io.crossroot.rpm.repo.RpmPackage;
import io.crossroot.util.UserError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Computes the packages dnf installs into an empty root for a request: package names, provides, file paths and
 * {@code @group} ids (mandatory and default members), closed over Requires (rich and file dependencies included);
 * then, unless {@link #noWeakDeps()}, Recommends that can be met and packages that Supplement the set, as dnf does
 * with install_weak_deps=True. A provider is chosen as libsolv does in the common cases: a package already chosen
 * wins; a provider another provider obsoletes is dropped; the highest EVR of a name, its own architecture before
 * noarch at the same EVR (libsolv takes the first listed there); among names, one a chosen package recommends,
 * then the first by name (libsolv's order, not the shortest). A
 * candidate that conflicts with the set (either way round) or obsoletes or is obsoleted by a chosen package is
 * skipped, and a choice whose own requirements fail is taken back and the next one tried (a bounded search; a
 * SAT solver would find more answers on pathological repositories but make dnf's preferences harder to follow).
 */
public final class RpmResolver {
    /** Bounds the backtracking search on pathological repositories. */
    private static final int MAX_ATTEMPTS = 100_000;

    private final RpmIndex index;
    private final boolean weakDeps;

    public RpmResolver(RpmIndex index) {
        this(index, true);
    }

    private RpmResolver(RpmIndex index, boolean weakDeps) {
        this.index = index;
        this.weakDeps = weakDeps;
    }

    /** The same resolver without weak dependencies, as dnf with install_weak_deps=False. */
    public RpmResolver noWeakDeps() {
        return new RpmResolver(index, false);
    }

    /**
     * The package set for {@code requests}: each a package name, a dependency ({@code "greeting >= 2"}, a rich one in
     * parentheses), a file path or {@code @group-id}.
     */
    public RpmResolution resolve(List<String> requests) {
        return new Run().resolve(requests);
    }

    /** A requirement still to meet: {@code dependency} is {@code whole} or a part of it. */
    private record Task(RpmPackage depender, String field, RpmDependency dependency, RpmDependency whole) {}

    /** The requirements still to meet, an immutable list so that each choice point keeps its own cheaply. */
    private record Agenda(Task head, Agenda tail) {
        static final Agenda EMPTY = new Agenda(null, null);

        boolean isEmpty() {
            return head == null;
        }
    }

    /** A group member that is installed only when the package it names is. */
    private record Conditional(String name, String requires, String group) {}

    /** One resolution's mutable state; the resolver itself stays reusable and thread-safe. */
    private final class Run {
        private final List<RpmPackage> chosen = new ArrayList<>();
        private final Map<String, RpmPackage> chosenByName = new HashMap<>();
        private final Set<RpmPackage> chosenSet = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<String, Reason> reasons = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<Conditional> conditionals = new ArrayList<>();
        /** Chosen packages with Conflicts or Obsoletes, the only ones that can refuse a candidate. */
        private final List<RpmPackage> guarded = new ArrayList<>();
        /** Chosen packages with an if or unless in their Requires. */
        private final List<RpmPackage> conditional = new ArrayList<>();
        /** The simple parts of the chosen packages' Recommends, by name. */
        private final Map<String, List<Simple>> recommended = new HashMap<>();

        private int attempts;

        RpmResolution resolve(List<String> requests) {
            try {
                // like dnf, every requested package is marked before any dependency is followed, so that a
                // requested package wins over other providers of a dependency
                List<RpmPackage> requested = new ArrayList<>();
                for (String request : requests) {
                    request(request, requested);
                }
                solve(requested);
                closeRequires();
                addExtras();
            } catch (RpmUnsatisfiable e) {
                throw new UserError("Cannot resolve the packages for " + index.arch() + " from " + index.label()
                        + ": " + e.getMessage() + ". Check the requested names and that every repository they need "
                        + "is given.");
            }
            return new RpmResolution(chosen, reasons, warnings);
        }

        private void request(String text, List<RpmPackage> requested) throws RpmUnsatisfiable {
            if (text.startsWith("@")) {
                String id = text.substring(1);
                Comps.Group group = index.group(id)
                        .orElseThrow(() -> new UserError("No group '" + id + "' in " + index.label() + " (its groups: "
                                + (index.groupIds().isEmpty() ? "none" : String.join(", ", index.groupIds()))
                                + "). Give a group id as the repository's comps file spells it."));
                List<String> members = new ArrayList<>(group.mandatory());
                members.addAll(group.defaults());
                for (String name : members) {
                    if (index.named(name).isEmpty()) {
                        warnings.add("The group " + id + " lists " + name + ", which no repository has; skipped.");
                    } else {
                        requestNamed(name, text, requested);
                    }
                }
                new TreeMap<>(group.conditional())
                        .forEach((name, requires) -> conditionals.add(new Conditional(name, requires, id)));
            } else if (!index.named(text).isEmpty()) {
                requestNamed(text, "requested", requested);
            } else {
                RpmDependency dependency;
                try {
                    dependency = RpmDependency.parse(text);
                } catch (RpmDependencyError e) {
                    throw new UserError("'" + text + "' is neither a package, a provide, a file path nor a group: "
                            + e.getMessage());
                }
                if (dependency.satisfiedBy(this::chosenProviders)) {
                    return;
                }
                List<RpmPackage> candidates =
                        dependency instanceof Simple s ? index.providers(s) : index.satisfiers(dependency);
                if (candidates.isEmpty()) {
                    throw new RpmUnsatisfiable(
                            "nothing provides '" + text + "' (requested)" + hint(dependency, index.label()));
                }
                mark(rank(candidates), text + " (requested)", "requested", requested);
            }
        }

        /** dnf installs what obsoletes a requested package instead of it. */
        private void requestNamed(String name, String why, List<RpmPackage> requested) throws RpmUnsatisfiable {
            List<RpmPackage> versions = rank(index.named(name));
            List<RpmPackage> obsoleters = index.packages().stream()
                    .filter(q -> !q.name().equals(name)
                            && obsoletes(q, versions.get(0)).isPresent())
                    .toList();
            if (obsoleters.isEmpty()) {
                mark(versions, name + " (" + why + ")", why, requested);
            } else {
                mark(rank(obsoleters), name + " (" + why + ")", why + ", " + name + " is obsoleted", requested);
            }
        }

        /** Chooses the first candidate the set accepts, without following its requirements yet. */
        private void mark(List<RpmPackage> candidates, String shown, String why, List<RpmPackage> requested)
                throws RpmUnsatisfiable {
            if (candidates.stream().anyMatch(chosenSet::contains)) {
                return;
            }
            List<String> failures = new ArrayList<>();
            for (RpmPackage c : candidates) {
                Optional<Refusal> refusal = refusal(c);
                if (refusal.isEmpty()) {
                    add(c, Reason.root(why));
                    requested.add(c);
                    return;
                }
                failures.add(refusal.get().message());
            }
            throw new RpmUnsatisfiable(shown + " cannot be installed: " + String.join("; ", failures));
        }

        /** Meets every requirement of {@code packages}, backtracking over earlier choices when one fails. */
        private void solve(List<RpmPackage> packages) throws RpmUnsatisfiable {
            Agenda agenda = Agenda.EMPTY;
            for (RpmPackage p : packages.reversed()) {
                agenda = pushRequires(p, agenda);
            }
            solve(agenda);
        }

        private Agenda pushRequires(RpmPackage p, Agenda rest) {
            Agenda out = rest;
            for (RpmDependency d : p.requires().reversed()) {
                out = new Agenda(new Task(p, "Requires", d, d), out);
            }
            return out;
        }

        /**
         * Works through the agenda depth first. When a requirement cannot be met, the search goes back to the latest
         * choice that led to it (a package on the failing chain, or one that refuses the candidates) and takes the
         * next alternative there; the first failure is what the user is told when none is left.
         */
        private void solve(Agenda start) throws RpmUnsatisfiable {
            Deque<ChoicePoint> points = new ArrayDeque<>();
            Failure first = null;
            Agenda agenda = start;
            while (!agenda.isEmpty()) {
                Task t = agenda.head();
                agenda = agenda.tail();
                if (satisfied(t.dependency())) {
                    continue;
                }
                Optional<List<RpmDependency>> parts = parts(t.dependency());
                if (parts.isPresent()) {
                    for (RpmDependency d : parts.get().reversed()) {
                        agenda = new Agenda(new Task(t.depender(), t.field(), d, t.whole()), agenda);
                    }
                    continue;
                }
                ChoicePoint cp = new ChoicePoint(chosen.size(), agenda, t, alternatives(t));
                Agenda next = advance(cp, points);
                while (next == null) {
                    Failure f = cp.failure();
                    first = first == null ? f : first;
                    cp = backjump(points, f.culprits());
                    if (cp == null) {
                        throw new RpmUnsatisfiable(first.message());
                    }
                    rollback(cp.mark);
                    next = advance(cp, points);
                }
                agenda = next;
            }
        }

        /** And, if and unless split into what they ask under the current set; empty for a real choice. */
        private Optional<List<RpmDependency>> parts(RpmDependency d) {
            return switch (d) {
                case RpmDependency.And and -> Optional.of(and.operands());
                case RpmDependency.If i when satisfied(i.condition()) -> Optional.of(List.of(i.then()));
                case RpmDependency.If i when i.otherwise().isEmpty() -> Optional.of(List.of());
                case RpmDependency.If i -> Optional.empty(); // a choice, see alternatives
                case RpmDependency.Unless u ->
                    Optional.of(
                            satisfied(u.condition())
                                    ? u.otherwise().map(List::of).orElse(List.of())
                                    : List.of(u.then()));
                default -> Optional.empty();
            };
        }

        /** The operands of an or (or of an if-else), or the ranked providers of a simple, with or without. */
        private List<Object> alternatives(Task t) {
            return switch (t.dependency()) {
                case RpmDependency.Or or -> List.copyOf(or.operands());
                // libsolv reads (a if b else c) as (b -> a) and (b or c): it meets b and a first, then c
                case RpmDependency.If i ->
                    List.of(
                            new RpmDependency.And(List.of(i.condition(), i.then())),
                            i.otherwise().orElseThrow());
                case Simple s -> List.copyOf(rank(index.providers(s)));
                default -> List.copyOf(rank(index.satisfiers(t.dependency())));
            };
        }

        /** Takes the choice point's next acceptable alternative; the agenda after it, or null when none is left. */
        private Agenda advance(ChoicePoint cp, Deque<ChoicePoint> points) {
            Task t = cp.task;
            while (cp.next < cp.alternatives.size()) {
                Object alternative = cp.alternatives.get(cp.next++);
                if (alternative instanceof RpmDependency operand) {
                    cp.key = t.depender().name();
                    points.push(cp);
                    return new Agenda(new Task(t.depender(), t.field(), operand, t.whole()), cp.rest);
                }
                RpmPackage c = (RpmPackage) alternative;
                Optional<Refusal> refusal = refusal(c);
                if (refusal.isPresent()) {
                    cp.refusals.add(refusal.get().message());
                    cp.culprits.addAll(Resolution.chain(refusal.get().by(), reasons));
                    continue;
                }
                if (++attempts > MAX_ATTEMPTS) {
                    throw new UserError("Dependency resolution gave up after " + MAX_ATTEMPTS + " attempts while "
                            + "choosing for " + RpmResolution.nevra(t.depender()) + " " + t.field() + ": " + t.whole()
                            + ". The "
                            + "repositories' dependencies are too tangled for crossroot's search; request the "
                            + "package that should provide it explicitly.");
                }
                add(c, new Reason(t.depender().name(), t.field() + ": " + t.whole()));
                cp.key = c.name();
                points.push(cp);
                return pushRequires(c, cp.rest);
            }
            return null;
        }

        /** Drops choice points up to the latest one that chose a culprit; null when there is none. */
        private ChoicePoint backjump(Deque<ChoicePoint> points, Set<String> culprits) {
            while (!points.isEmpty()) {
                ChoicePoint cp = points.pop();
                if (culprits.contains(cp.key) && cp.next < cp.alternatives.size()) {
                    return cp;
                }
            }
            return null;
        }

        /** What a choice point tells when all its alternatives failed, and which choices could change that. */
        private record Failure(String message, Set<String> culprits) {}

        /** One requirement with several ways to meet it, and the agenda to go on with after it. */
        private final class ChoicePoint {
            final int mark;
            final Agenda rest;
            final Task task;
            final List<Object> alternatives;
            final List<String> refusals = new ArrayList<>();
            final Set<String> culprits = new HashSet<>();
            int next;
            String key;

            ChoicePoint(int mark, Agenda rest, Task task, List<Object> alternatives) {
                this.mark = mark;
                this.rest = rest;
                this.task = task;
                this.alternatives = alternatives;
            }

            Failure failure() {
                Set<String> all = new HashSet<>(culprits);
                all.addAll(Resolution.chain(task.depender().name(), reasons));
                String head = describeChain(task.depender().name()) + " -> " + task.dependency();
                if (alternatives.isEmpty()) {
                    return new Failure(head + ": nothing provides it" + hint(task.dependency(), index.label()), all);
                }
                if (refusals.isEmpty()) { // an or whose every operand failed further on, reported there
                    return new Failure(head + ": no alternative can be installed", all);
                }
                return new Failure(head + ": " + String.join("; ", refusals), all);
            }
        }

        /**
         * Meets what an if or unless asks now that the set has grown; only those can turn unmet when packages are
         * added.
         */
        private void closeRequires() throws RpmUnsatisfiable {
            while (true) {
                Agenda agenda = Agenda.EMPTY;
                for (RpmPackage p : conditional.reversed()) {
                    for (RpmDependency d : p.requires().reversed()) {
                        if (!satisfied(d)) {
                            agenda = new Agenda(new Task(p, "Requires", d, d), agenda);
                        }
                    }
                }
                if (agenda.isEmpty()) {
                    return;
                }
                solve(agenda);
            }
        }

        /** Group conditionals always; with weak dependencies, Recommends and Supplements until nothing changes. */
        private void addExtras() throws RpmUnsatisfiable {
            List<RpmPackage> supplementers = weakDeps ? supplementers() : List.of();
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Conditional c : conditionals) {
                    if (chosenByName.containsKey(c.requires())
                            && !chosenByName.containsKey(c.name())
                            && !index.named(c.name()).isEmpty()) {
                        RpmPackage by = chosenByName.get(c.requires());
                        Simple wanted = Simple.of(c.name());
                        changed |= tryOptional(by, "group " + c.group() + " conditional", wanted);
                    }
                }
                if (!weakDeps) {
                    continue;
                }
                for (RpmPackage p : List.copyOf(chosen)) {
                    for (RpmDependency d : p.recommends()) {
                        if (chosenSet.contains(p) && !satisfied(d)) {
                            changed |= tryOptional(p, "Recommends", d);
                        }
                    }
                }
                for (RpmPackage q : supplementers) {
                    if (chosenByName.containsKey(q.name())) {
                        continue;
                    }
                    for (RpmDependency d : q.supplements()) {
                        Optional<RpmPackage> supplemented = chosenProviderOf(d);
                        if (supplemented.isPresent()
                                && satisfied(d)
                                && refusal(q).isEmpty()) {
                            changed |= trySupplement(supplemented.get(), "Supplements: " + d, q);
                            break;
                        }
                    }
                }
            }
        }

        /** dnf skips a weak dependency it cannot meet. */
        private boolean tryOptional(RpmPackage by, String field, RpmDependency dependency) throws RpmUnsatisfiable {
            int mark = chosen.size();
            try {
                solve(new Agenda(new Task(by, field, dependency, dependency), Agenda.EMPTY));
                closeRequires();
            } catch (RpmUnsatisfiable e) {
                rollback(mark);
            }
            return chosen.size() > mark;
        }

        private boolean trySupplement(RpmPackage supplemented, String field, RpmPackage supplementer)
                throws RpmUnsatisfiable {
            int mark = chosen.size();
            add(supplementer, new Reason(supplemented.name(), field));
            try {
                solve(List.of(supplementer));
                closeRequires();
            } catch (RpmUnsatisfiable e) {
                rollback(mark);
            }
            return chosen.size() > mark;
        }

        /** The best package of each name that supplements something, by name. */
        private List<RpmPackage> supplementers() {
            Map<String, List<RpmPackage>> byName = new TreeMap<>();
            for (RpmPackage p : index.packages()) {
                if (!p.supplements().isEmpty()) {
                    byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
                }
            }
            return byName.values().stream().map(l -> rank(l).get(0)).toList();
        }

        /** Candidates in the order dnf prefers them (see the class comment). */
        private List<RpmPackage> rank(List<RpmPackage> providers) {
            List<RpmPackage> kept = providers.stream()
                    .filter(p -> providers.stream()
                            .noneMatch(q -> !q.name().equals(p.name())
                                    && obsoletes(q, p).isPresent()))
                    .toList();
            if (kept.isEmpty()) {
                kept = providers; // they obsolete each other: leave it to the conflict checks
            }
            Map<String, List<RpmPackage>> byName = new LinkedHashMap<>();
            kept.forEach(p ->
                    byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p));
            Comparator<RpmPackage> versions = Comparator.comparing(RpmPackage::evr, Comparator.reverseOrder())
                    .thenComparing(p -> !p.arch().equals(index.arch()))
                    .thenComparing(RpmPackage::nevra);
            byName.values().forEach(l -> l.sort(versions));
            Comparator<String> names = Comparator.<String, Boolean>comparing(n -> !recommendedByChosen(byName.get(n)))
                    .thenComparing(Comparator.naturalOrder());
            return byName.keySet().stream()
                    .sorted(byName.size() > 1 ? names : Comparator.naturalOrder())
                    .flatMap(n -> byName.get(n).stream())
                    .toList();
        }

        /** True when a chosen package recommends one of {@code versions} (by a simple part of its Recommends). */
        private boolean recommendedByChosen(List<RpmPackage> versions) {
            for (RpmPackage v : versions) {
                List<Simple> provides = new ArrayList<>(v.provides());
                provides.add(new Simple(v.name(), RpmDependency.Comparison.EQ, v.evr()));
                for (Simple provide : provides) {
                    for (Simple wanted : recommended.getOrDefault(provide.name(), List.of())) {
                        if (wanted.overlaps(provide)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Why {@code c} cannot join the set, if it cannot, and the chosen package that refuses it. */
        private Optional<Refusal> refusal(RpmPackage c) {
            RpmPackage same = chosenByName.get(c.name());
            if (same != null) {
                return Optional.of(new Refusal(
                        RpmResolution.nevra(same) + " is already chosen (" + describeChain(same.name()) + ")",
                        same.name()));
            }
            for (RpmDependency d : c.conflicts()) {
                Optional<RpmPackage> other = chosenProviderOf(d);
                if (other.isPresent() && satisfied(d)) {
                    return Optional.of(new Refusal(
                            RpmResolution.nevra(c) + " conflicts with " + RpmResolution.nevra(other.get())
                                    + " (Conflicts: " + d + "), which was chosen for "
                                    + describeChain(other.get().name()),
                            other.get().name()));
                }
            }
            for (RpmDependency d : c.obsoletes()) {
                for (Simple leaf : RpmIndex.leaves(d)) {
                    RpmPackage q = chosenByName.get(leaf.name());
                    Optional<RpmDependency> obsoleting = q == null ? Optional.empty() : obsoletes(c, q);
                    if (obsoleting.isPresent()) {
                        return Optional.of(new Refusal(
                                RpmResolution.nevra(c) + " obsoletes " + RpmResolution.nevra(q) + " (Obsoletes: "
                                        + obsoleting.get() + "), which was chosen for " + describeChain(q.name()),
                                q.name()));
                    }
                }
            }
            for (RpmPackage q : guarded) {
                for (RpmDependency d : q.conflicts()) {
                    if (index.satisfiesAlone(c, d)) {
                        return Optional.of(new Refusal(
                                RpmResolution.nevra(q) + " conflicts with " + RpmResolution.nevra(c) + " (Conflicts: "
                                        + d + "); " + q.name() + " was chosen for " + describeChain(q.name()),
                                q.name()));
                    }
                }
                Optional<RpmDependency> obsoleted = obsoletes(q, c);
                if (obsoleted.isPresent()) {
                    return Optional.of(new Refusal(
                            RpmResolution.nevra(q) + " obsoletes " + RpmResolution.nevra(c) + " (Obsoletes: "
                                    + obsoleted.get() + "); " + q.name() + " was chosen for "
                                    + describeChain(q.name()),
                            q.name()));
                }
            }
            return Optional.empty();
        }

        /** A chosen package that provides a part of {@code d}, to name it in a message. */
        private Optional<RpmPackage> chosenProviderOf(RpmDependency d) {
            return RpmIndex.leaves(d).stream()
                    .flatMap(s -> index.providers(s).stream())
                    .filter(chosenSet::contains)
                    .findFirst();
        }

        private boolean satisfied(RpmDependency d) {
            return d.satisfiedBy(this::chosenProviders);
        }

        private Set<RpmPackage> chosenProviders(Simple requirement) {
            Set<RpmPackage> out = Collections.newSetFromMap(new IdentityHashMap<>());
            index.providers(requirement).stream().filter(chosenSet::contains).forEach(out::add);
            return out;
        }

        private void add(RpmPackage p, Reason reason) {
            chosen.add(p);
            chosenSet.add(p);
            chosenByName.put(p.name(), p);
            reasons.put(p.name(), reason);
            if (!p.conflicts().isEmpty() || !p.obsoletes().isEmpty()) {
                guarded.add(p);
            }
            if (p.requires().stream().anyMatch(RpmResolver::hasCondition)) {
                conditional.add(p);
            }
            p.recommends().stream()
                    .flatMap(d -> RpmIndex.leaves(d).stream())
                    .forEach(s -> recommended
                            .computeIfAbsent(s.name(), k -> new ArrayList<>())
                            .add(s));
        }

        /** Takes back every package chosen after {@code mark}, latest first. */
        private void rollback(int mark) {
            while (chosen.size() > mark) {
                RpmPackage p = chosen.remove(chosen.size() - 1);
                chosenSet.remove(p);
                chosenByName.remove(p.name());
                reasons.remove(p.name());
                removeLast(guarded, p);
                removeLast(conditional, p);
                p.recommends().stream()
                        .flatMap(d -> RpmIndex.leaves(d).stream())
                        .forEach(s -> recommended
                                .get(s.name())
                                .remove(recommended.get(s.name()).size() - 1));
            }
        }

        private static void removeLast(List<RpmPackage> list, RpmPackage p) {
            if (!list.isEmpty() && list.get(list.size() - 1) == p) {
                list.remove(list.size() - 1);
            }
        }

        private String describeChain(String name) {
            return Resolution.describeChain(name, reasons);
        }
    }

    /** Why a candidate cannot join the set, and the chosen package that refuses it. */
    private record Refusal(String message, String by) {}

    private static boolean hasCondition(RpmDependency d) {
        return switch (d) {
            case RpmDependency.If i -> true;
            case RpmDependency.Unless u -> true;
            case RpmDependency.And a -> a.operands().stream().anyMatch(RpmResolver::hasCondition);
            case RpmDependency.Or o -> o.operands().stream().anyMatch(RpmResolver::hasCondition);
            default -> false;
        };
    }

    /** The Obsoletes entry of {@code by} that names {@code p} (obsoletes match package names, not provides). */
    private static Optional<RpmDependency> obsoletes(RpmPackage by, RpmPackage p) {
        if (by.name().equals(p.name())) {
            return Optional.empty();
        }
        Simple self = new Simple(p.name(), RpmDependency.Comparison.EQ, p.evr());
        return by.obsoletes().stream()
                .filter(d -> d.satisfiedBy(req -> req.overlaps(self) ? Set.of(p) : Set.of()))
                .findFirst();
    }

    /** What the index has instead, when nothing provides {@code d}. */
    private String hint(RpmDependency d, String label) {
        if (!(d instanceof Simple s)) {
            return " in " + label;
        }
        List<RpmPackage> foreign = index.foreignProviders(s);
        if (!foreign.isEmpty()) {
            return " for " + index.arch() + " (only "
                    + foreign.stream().map(RpmResolution::nevra).sorted().collect(Collectors.joining(", "))
                    + ", of another architecture)";
        }
        List<RpmPackage> otherVersions = index.providers(Simple.of(s.name()));
        if (!otherVersions.isEmpty()) {
            return " (the repositories have only "
                    + otherVersions.stream().map(RpmResolution::nevra).sorted().collect(Collectors.joining(", "))
                    + ")";
        }
        return "";
    }
}
