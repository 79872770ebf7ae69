package io.crossroot.rpm.resolve;

import io.crossroot.debian.resolve.Reason;
import io.crossroot.debian.resolve.Resolution;
import io.crossroot.rpm.repo.RpmPackage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** A resolved package set, in the order the resolver chose the packages, and why each one is there. */
public final class RpmResolution {
    private final Map<String, RpmPackage> packages;
    private final Map<String, Reason> reasons;
    private final List<String> warnings;

    RpmResolution(List<RpmPackage> ordered, Map<String, Reason> reasons, List<String> warnings) {
        Map<String, RpmPackage> m = new LinkedHashMap<>();
        ordered.forEach(p -> m.put(p.name(), p));
        this.packages = Collections.unmodifiableMap(m);
        this.reasons = Map.copyOf(reasons);
        this.warnings = List.copyOf(warnings);
    }

    public List<RpmPackage> packages() {
        return List.copyOf(packages.values());
    }

    public List<String> names() {
        return List.copyOf(packages.keySet());
    }

    /** The NEVRAs, sorted, as {@code rpm -qa --qf '%{NEVRA}\n'} lists them. */
    public SortedSet<String> nevras() {
        TreeSet<String> out = new TreeSet<>();
        packages.values().forEach(p -> out.add(nevra(p)));
        return Collections.unmodifiableSortedSet(out);
    }

    /**
     * name-[epoch:]version-release.arch as rpm's %{NEVRA} and dnf show it: the epoch only when it is not 0 (primary.xml
     * spells out epoch="0", which {@link RpmPackage#nevra} keeps).
     */
    public static String nevra(RpmPackage p) {
        return p.name() + "-" + (p.evr().epoch() != 0 ? p.evr().epoch() + ":" : "")
                + p.evr().version() + p.evr().release().map(r -> "-" + r).orElse("") + "." + p.arch();
    }

    public Optional<RpmPackage> get(String name) {
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

    /** What dnf would only warn about, e.g. a group member no repository has. */
    public List<String> warnings() {
        return warnings;
    }

    /** The packages from a requested one down to {@code name}, e.g. [hello, glibc, filesystem]. */
    public List<String> chain(String name) {
        return Resolution.chain(name, reasons);
    }

    /** e.g. "hello (requested) -> glibc -> filesystem". */
    public String why(String name) {
        return Resolution.describeChain(name, reasons);
    }
}
