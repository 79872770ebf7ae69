package io.crossroot.debian.resolve;

import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An order to unpack and configure a resolved set in that dpkg accepts: every package after what it depends on.
 * Dependency cycles (common among essential packages) are broken deterministically: inside a cycle only
 * Pre-Depends are kept, since dpkg must have those configured before unpacking, while plain Depends only need
 * to be met once the whole cycle is configured together. Ties go by package name.
 */
public final class InstallOrder {
    /** "dependent needs dependency": from one Depends or Pre-Depends entry, to the set member that satisfies it. */
    public record Edge(BinaryPackage dependent, BinaryPackage dependency, boolean preDepends) {
        @Override
        public String toString() {
            return dependent.name() + (preDepends ? " pre-depends on " : " depends on ") + dependency.name();
        }
    }

    private final List<BinaryPackage> packages;
    private final List<Edge> edges;

    private InstallOrder(List<BinaryPackage> packages, List<Edge> edges) {
        this.packages = List.copyOf(packages);
        this.edges = List.copyOf(edges);
    }

    public static InstallOrder of(Collection<BinaryPackage> set, RelationMatcher matcher) {
        List<Edge> edges = edges(set, matcher);
        List<BinaryPackage> nodes =
                set.stream().sorted(Comparator.comparing(BinaryPackage::name)).toList();
        List<BinaryPackage> order = new ArrayList<>();
        orderInto(order, nodes, edges, true);
        return new InstallOrder(order, edges);
    }

    /** Dependencies first. */
    public List<BinaryPackage> packages() {
        return packages;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** Depends edges this order cannot honour (cycles): the dependency comes after the dependent. */
    public List<Edge> brokenEdges() {
        Map<BinaryPackage, Integer> position = new HashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            position.put(packages.get(i), i);
        }
        return edges.stream()
                .filter(e -> position.get(e.dependency()) > position.get(e.dependent()))
                .toList();
    }

    private static List<Edge> edges(Collection<BinaryPackage> set, RelationMatcher matcher) {
        PackageIndex members = PackageIndex.of(set, matcher.nativeArch(), "the resolved set");
        List<Edge> out = new ArrayList<>();
        for (BinaryPackage p : set) {
            addEdges(out, members, p, p.preDepends(), true);
            addEdges(out, members, p, p.depends(), false);
        }
        return out;
    }

    private static void addEdges(
            List<Edge> out, PackageIndex members, BinaryPackage p, List<RelationGroup> groups, boolean pre) {
        for (RelationGroup g : groups) {
            for (Relation r : g.alternatives()) {
                List<BinaryPackage> found = members.candidates(r, p.architecture());
                if (!found.isEmpty()) {
                    if (!found.get(0).equals(p)) {
                        out.add(new Edge(p, found.get(0), pre));
                    }
                    break; // the first satisfied alternative is the one the resolver chose
                }
            }
        }
    }

    /** Strongly connected components in dependencies-first order; cycles are ordered again with fewer edges. */
    private static void orderInto(
            List<BinaryPackage> out, List<BinaryPackage> nodes, List<Edge> edges, boolean withPlainDepends) {
        Predicate<Edge> kept = e -> withPlainDepends || e.preDepends();
        for (List<BinaryPackage> component : new Tarjan(nodes, edges, kept).components()) {
            if (component.size() == 1) {
                out.add(component.get(0));
            } else if (withPlainDepends) {
                orderInto(out, component, edges, false); // drop plain Depends inside the cycle
            } else {
                out.addAll(component); // a Pre-Depends cycle: nothing honours it; name order keeps it stable
            }
        }
    }

    /** Tarjan's algorithm; emits a component only after every component it depends on. */
    private static final class Tarjan {
        private final Map<BinaryPackage, List<BinaryPackage>> successors = new HashMap<>();
        private final Map<BinaryPackage, Integer> index = new HashMap<>();
        private final Map<BinaryPackage, Integer> low = new HashMap<>();
        private final Deque<BinaryPackage> stack = new ArrayDeque<>();
        private final List<BinaryPackage> nodes;
        private final List<List<BinaryPackage>> components = new ArrayList<>();

        Tarjan(List<BinaryPackage> nodes, List<Edge> edges, Predicate<Edge> kept) {
            this.nodes = nodes;
            nodes.forEach(n -> successors.put(n, new ArrayList<>()));
            for (Edge e : edges) {
                if (kept.test(e) && successors.containsKey(e.dependent()) && successors.containsKey(e.dependency())) {
                    successors.get(e.dependent()).add(e.dependency());
                }
            }
            successors.values().forEach(l -> l.sort(Comparator.comparing(BinaryPackage::name)));
        }

        List<List<BinaryPackage>> components() {
            for (BinaryPackage n : nodes) {
                if (!index.containsKey(n)) {
                    visit(n);
                }
            }
            return components;
        }

        private void visit(BinaryPackage v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            for (BinaryPackage w : successors.get(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<BinaryPackage> component = new ArrayList<>();
                BinaryPackage w;
                do {
                    w = stack.pop();
                    component.add(w);
                } while (!w.equals(v));
                component.sort(Comparator.comparing(BinaryPackage::name));
                components.add(component);
            }
        }
    }
}
