package io.crossroot.debian.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A resolved package set, in the order the resolver chose the packages, and why each one is there. */
public final class Resolution {
    private final Map<String, BinaryPackage> packages;
    private final Map<String, Reason> reasons;

    Resolution(List<BinaryPackage> ordered, Map<String, Reason> reasons) {
        Map<String, BinaryPackage> m = new LinkedHashMap<>();
        ordered.forEach(p -> m.put(p.name(), p));
        this.packages = Collections.unmodifiableMap(m);
        this.reasons = Map.copyOf(reasons);
    }

    public List<BinaryPackage> packages() {
        return List.copyOf(packages.values());
    }

    public List<String> names() {
        return List.copyOf(packages.keySet());
    }

    public Optional<BinaryPackage> get(String name) {
        return Optional.ofNullable(packages.get(name));
    }

    public boolean contains(String name) {
        return packages.containsKey(name);
    }

    public int size() {
        return packages.size();
    }

    public Reason reason(String name) {
        return reasons.get(name);
    }

    /** The packages from a starting one down to {@code name}, e.g. [apt, libapt-pkg7.0, libzstd1]. */
    public List<String> chain(String name) {
        return chain(name, reasons);
    }

    /** e.g. "apt (Priority: required) -> libapt-pkg7.0 -> libzstd1". */
    public String why(String name) {
        return describeChain(name, reasons);
    }

    /** {@link #chain(String)} over any resolver's reasons (the RPM resolver's too). */
    public static List<String> chain(String name, Map<String, Reason> reasons) {
        List<String> out = new ArrayList<>();
        String n = name;
        while (n != null && out.size() <= reasons.size()) { // the bound guards against a malformed cycle
            out.add(0, n);
            Reason r = reasons.get(n);
            n = r == null ? null : r.requiredBy();
        }
        return out;
    }

    /** {@link #why(String)} over any resolver's reasons (the RPM resolver's too). */
    public static String describeChain(String name, Map<String, Reason> reasons) {
        List<String> chain = chain(name, reasons);
        Reason root = reasons.get(chain.get(0));
        String first = chain.get(0) + (root == null ? "" : " (" + root.via() + ")");
        List<String> rest = chain.subList(1, chain.size());
        return rest.isEmpty() ? first : first + " -> " + String.join(" -> ", rest);
    }
}
