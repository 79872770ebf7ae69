package io.crossroot.rpm.resolve;

import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmDependency.Simple;
import io.crossroot.rpm.repo.RpmPackage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The order rpm installs a resolved set in: every package after what it requires. Loops are broken as rpm's tsort
 * does, deterministically: inside a loop only the requirements of scriptlets (Requires(pre) and the like, primary's
 * pre="1") are kept, since those must be installed before the scriptlet runs, while plain Requires are only needed
 * once the whole transaction is in. Ties go by package name.
 */
public final class RpmInstallOrder {
    /** "dependent requires dependency": from one Requires entry to the set member that provides it. */
    public record Edge(RpmPackage dependent, RpmPackage dependency, boolean pre) {
        @Override
        public String toString() {
            return dependent.name() + (pre ? " requires(pre) " : " requires ") + dependency.name();
        }
    }

    private final List<RpmPackage> packages;
    private final List<Edge> edges;

    private RpmInstallOrder(List<RpmPackage> packages, List<Edge> edges) {
        this.packages = List.copyOf(packages);
        this.edges = List.copyOf(edges);
    }

    public static RpmInstallOrder of(RpmResolution resolution, RpmIndex index) {
        return of(resolution.packages(), index);
    }

    /** The order of {@code set}, its requirements looked up in {@code index} (for file dependencies). */
    public static RpmInstallOrder of(Collection<RpmPackage> set, RpmIndex index) {
        Set<RpmPackage> members = Collections.newSetFromMap(new IdentityHashMap<>());
        members.addAll(set);
        List<Edge> edges = new ArrayList<>();
        for (RpmPackage p : set) {
            for (RpmDependency d : p.requires()) {
                boolean pre = p.preRequires().contains(d);
                for (Simple leaf : RpmIndex.leaves(d)) {
                    index.providers(leaf).stream()
                            .filter(members::contains)
                            .filter(q -> q != p)
                            .min(Comparator.comparing(RpmPackage::name))
                            .ifPresent(q -> edges.add(new Edge(p, q, pre)));
                }
            }
        }
        List<RpmPackage> nodes =
                set.stream().sorted(Comparator.comparing(RpmPackage::name)).toList();
        List<RpmPackage> order = new ArrayList<>();
        orderInto(order, nodes, edges, true);
        return new RpmInstallOrder(order, edges);
    }

    /** Requirements first. */
    public List<RpmPackage> packages() {
        return packages;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** Requirements this order cannot honour (loops): the dependency comes after the dependent. */
    public List<Edge> brokenEdges() {
        Map<RpmPackage, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            position.put(packages.get(i), i);
        }
        return edges.stream()
                .filter(e -> position.get(e.dependency()) > position.get(e.dependent()))
                .toList();
    }

    /** Strongly connected components, requirements first; a loop is ordered again with its pre edges only. */
    private static void orderInto(List<RpmPackage> out, List<RpmPackage> nodes, List<Edge> edges, boolean all) {
        Predicate<Edge> kept = e -> all || e.pre();
        for (List<RpmPackage> component : new Tarjan(nodes, edges, kept).components()) {
            if (component.size() == 1) {
                out.add(component.get(0));
            } else if (all) {
                orderInto(out, component, edges, false);
            } else {
                out.addAll(
                        component); // a loop of scriptlet requirements: nothing honours it; name order keeps it stable
            }
        }
    }

    /** Tarjan's algorithm; emits a component only after every component it depends on. */
    private static final class Tarjan {
        private final Map<RpmPackage, List<RpmPackage>> successors = new IdentityHashMap<>();
        private final Map<RpmPackage, Integer> index = new IdentityHashMap<>();
        private final Map<RpmPackage, Integer> low = new IdentityHashMap<>();
        private final Map<RpmPackage, Boolean> onStack = new IdentityHashMap<>();
        private final Deque<RpmPackage> stack = new ArrayDeque<>();
        private final List<RpmPackage> nodes;
        private final List<List<RpmPackage>> components = new ArrayList<>();

        Tarjan(List<RpmPackage> nodes, List<Edge> edges, Predicate<Edge> kept) {
            this.nodes = nodes;
            nodes.forEach(n -> successors.put(n, new ArrayList<>()));
            for (Edge e : edges) {
                if (kept.test(e) && successors.containsKey(e.dependent()) && successors.containsKey(e.dependency())) {
                    successors.get(e.dependent()).add(e.dependency());
                }
            }
            successors.values().forEach(l -> l.sort(Comparator.comparing(RpmPackage::name)));
        }

        List<List<RpmPackage>> components() {
            for (RpmPackage n : nodes) {
                if (!index.containsKey(n)) {
                    visit(n);
                }
            }
            return components;
        }

        private void visit(RpmPackage v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.put(v, true);
            for (RpmPackage w : successors.get(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.containsKey(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<RpmPackage> component = new ArrayList<>();
                RpmPackage w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (w != v);
                component.sort(Comparator.comparing(RpmPackage::name));
                components.add(component);
            }
        }
    }
}
