package io.crossroot.debian.resolve;

import io.crossroot.debian.Paragraph;
import io.crossroot.debian.Relation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The binary packages one target architecture can install: that architecture's and "all" packages of a Packages
 * index (others are ignored). Looks up every version of a name, highest first, and the packages providing a name.
 */
public final class PackageIndex {
    private static final List<String> PRIORITY_ORDER =
            List.of("required", "important", "standard", "optional", "extra");

    private final String nativeArch;
    private final String label;
    private final RelationMatcher matcher;
    private final Map<String, List<BinaryPackage>> versions = new TreeMap<>();
    private final Map<String, List<BinaryPackage>> providers = new HashMap<>();

    private PackageIndex(String nativeArch, String label) {
        this.nativeArch = nativeArch;
        this.label = label;
        this.matcher = new RelationMatcher(nativeArch);
    }

    /**
     * @param nativeArch the Debian architecture being installed, e.g. riscv64
     * @param label      where the packages come from, for messages, e.g. "trixie/main"
     */
    public static PackageIndex of(Iterable<BinaryPackage> packages, String nativeArch, String label) {
        PackageIndex index = new PackageIndex(nativeArch, label);
        packages.forEach(index::add);
        index.versions
                .values()
                .forEach(
                        l -> l.sort(Comparator.comparing(BinaryPackage::version).reversed()));
        index.providers.values().forEach(l -> l.sort(PackageIndex.providerPreference()));
        return index;
    }

    /** Parses Packages stanzas (see {@link BinaryPackage#from}) into an index. */
    public static PackageIndex fromParagraphs(Iterable<Paragraph> paragraphs, String nativeArch, String label) {
        List<BinaryPackage> packages = new ArrayList<>();
        for (Paragraph p : paragraphs) {
            packages.add(BinaryPackage.from(p));
        }
        return of(packages, nativeArch, label);
    }

    private void add(BinaryPackage p) {
        if (!p.architecture().equals(nativeArch) && !p.architecture().equals("all")) {
            return;
        }
        List<BinaryPackage> same = versions.computeIfAbsent(p.name(), k -> new ArrayList<>());
        if (same.contains(p)) {
            return; // the same package listed twice (e.g. in two components): keep the first
        }
        same.add(p);
        p.provides().stream()
                .map(Relation::name)
                .distinct()
                .forEach(n ->
                        providers.computeIfAbsent(n, k -> new ArrayList<>()).add(p));
    }

    /** apt's taste among providers of a virtual package: Essential first, then by Priority, then by name. */
    private static Comparator<BinaryPackage> providerPreference() {
        return Comparator.comparing((BinaryPackage p) -> !p.essential())
                .thenComparing(p -> priorityRank(p.priority()))
                .thenComparing(BinaryPackage::name)
                .thenComparing(BinaryPackage::version, Comparator.reverseOrder());
    }

    private static int priorityRank(String priority) {
        int i = PRIORITY_ORDER.indexOf(priority);
        return i < 0 ? PRIORITY_ORDER.size() : i;
    }

    public String nativeArch() {
        return nativeArch;
    }

    /** e.g. "trixie/main", as given by the caller. */
    public String label() {
        return label;
    }

    public RelationMatcher matcher() {
        return matcher;
    }

    /** Every version of a real package, highest first; empty when there is none. */
    public List<BinaryPackage> versionsOf(String name) {
        return List.copyOf(versions.getOrDefault(name, List.of()));
    }

    public Optional<BinaryPackage> newest(String name) {
        List<BinaryPackage> v = versions.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Packages with a Provides entry for {@code name}, in apt's order of preference. */
    public List<BinaryPackage> providersOf(String name) {
        return List.copyOf(providers.getOrDefault(name, List.of()));
    }

    /** The highest version of every package, by name. */
    public List<BinaryPackage> newestOfEach() {
        return versions.values().stream().map(l -> l.get(0)).toList();
    }

    public Collection<String> names() {
        return versions.keySet();
    }

    /**
     * Packages that satisfy {@code r} for a depender of {@code dependerArch}, best first: the real package's
     * versions (highest first), then providers.
     */
    public List<BinaryPackage> candidates(Relation r, String dependerArch) {
        List<BinaryPackage> out = new ArrayList<>();
        for (BinaryPackage p : versions.getOrDefault(r.name(), List.of())) {
            if (matcher.satisfiesByName(p, r, dependerArch)) {
                out.add(p);
            }
        }
        for (BinaryPackage p : providers.getOrDefault(r.name(), List.of())) {
            if (!out.contains(p) && matcher.satisfiesByProvides(p, r, dependerArch, false)) {
                out.add(p);
            }
        }
        return out;
    }

    /** "no package named X in trixie/main for riscv64". */
    public String noSuchPackage(String name) {
        return "no package named " + name + " in " + label + " for " + nativeArch;
    }
}
