package io.crossroot.debian.resolve;

import io.crossroot.debian.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The resolver's working set: packages chosen so far, with indexes for "what satisfies this relation" and
 * "who conflicts with this name", and an undo log so a failed choice can be taken back.
 */
final class Selection {
    private final RelationMatcher matcher;
    private final Map<String, BinaryPackage> byName = new HashMap<>();
    private final List<BinaryPackage> order = new ArrayList<>();
    private final Map<String, Reason> reasons = new HashMap<>();
    private final Map<String, List<BinaryPackage>> byProvidedName = new HashMap<>();
    private final Map<String, List<BinaryPackage>> conflictDeclarers = new HashMap<>(); // name hit -> declarers

    Selection(RelationMatcher matcher) {
        this.matcher = matcher;
    }

    boolean contains(String name) {
        return byName.containsKey(name);
    }

    BinaryPackage get(String name) {
        return byName.get(name);
    }

    /** A chosen package that satisfies {@code r}, if any. */
    Optional<BinaryPackage> satisfier(Relation r, String dependerArch) {
        return Stream.concat(
                        Stream.ofNullable(byName.get(r.name())),
                        byProvidedName.getOrDefault(r.name(), List.of()).stream())
                .filter(p -> matcher.satisfies(p, r, dependerArch))
                .findFirst();
    }

    /** Why {@code candidate} cannot join the set because of Conflicts or Breaks, either way round. */
    Optional<String> conflictWith(BinaryPackage candidate) {
        for (Relation r : declaredConflicts(candidate)) {
            Optional<BinaryPackage> hit = Stream.concat(
                            Stream.ofNullable(byName.get(r.name())),
                            byProvidedName.getOrDefault(r.name(), List.of()).stream())
                    .filter(p -> matcher.conflicts(candidate, r, p))
                    .findFirst();
            if (hit.isPresent()) {
                return Optional.of(candidate.label() + " conflicts with " + r + ", satisfied by the already chosen "
                        + hit.get().label() + " ("
                        + Resolution.describeChain(hit.get().name(), reasons) + ")");
            }
        }
        for (String name : namesOf(candidate)) {
            for (BinaryPackage declarer : conflictDeclarers.getOrDefault(name, List.of())) {
                for (Relation r : declaredConflicts(declarer)) {
                    if (r.name().equals(name) && matcher.conflicts(declarer, r, candidate)) {
                        return Optional.of("the already chosen " + declarer.label() + " ("
                                + Resolution.describeChain(declarer.name(), reasons) + ") conflicts with " + r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    void add(BinaryPackage p, Reason reason) {
        byName.put(p.name(), p);
        order.add(p);
        reasons.put(p.name(), reason);
        p.provides().stream()
                .map(Relation::name)
                .distinct()
                .forEach(n -> byProvidedName
                        .computeIfAbsent(n, k -> new ArrayList<>())
                        .add(p));
        declaredConflicts(p).stream()
                .map(Relation::name)
                .distinct()
                .forEach(n -> conflictDeclarers
                        .computeIfAbsent(n, k -> new ArrayList<>())
                        .add(p));
    }

    /** A point to {@link #rollback} to. */
    int mark() {
        return order.size();
    }

    void rollback(int mark) {
        while (order.size() > mark) {
            BinaryPackage p = order.remove(order.size() - 1);
            byName.remove(p.name());
            reasons.remove(p.name());
            p.provides().forEach(r -> removeFrom(byProvidedName, r.name(), p));
            declaredConflicts(p).forEach(r -> removeFrom(conflictDeclarers, r.name(), p));
        }
    }

    private static void removeFrom(Map<String, List<BinaryPackage>> m, String key, BinaryPackage p) {
        List<BinaryPackage> l = m.get(key);
        if (l != null) {
            l.remove(p);
            if (l.isEmpty()) {
                m.remove(key);
            }
        }
    }

    String describeChain(String name) {
        return Resolution.describeChain(name, reasons);
    }

    Resolution toResolution() {
        return new Resolution(order, reasons);
    }

    private static List<Relation> declaredConflicts(BinaryPackage p) {
        if (p.breaks().isEmpty()) {
            return p.conflicts();
        }
        List<Relation> all = new ArrayList<>(p.conflicts());
        all.addAll(p.breaks());
        return all;
    }

    private static List<String> namesOf(BinaryPackage p) {
        List<String> names = new ArrayList<>();
        names.add(p.name());
        p.provides().forEach(r -> names.add(r.name()));
        return names;
    }
}
