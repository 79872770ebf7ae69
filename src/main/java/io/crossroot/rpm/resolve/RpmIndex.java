package io.crossroot.rpm.resolve;

import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmDependency.Simple;
import io.crossroot.rpm.repo.Comps;
import io.crossroot.rpm.repo.ListedFile;
import io.crossroot.rpm.repo.PackageFiles;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.rpm.repo.RpmPackage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The installable packages of one or more repositories for one architecture (its own and noarch; multilib off,
 * as dnf has it by default), looked up by name, provide and file path. A file path is matched against the files
 * primary.xml lists first; the full file lists are read only when primary has no owner, since createrepo puts every
 * file of the usual dependency directories (bin, sbin, /etc) into primary. Thread-safe.
 */
public final class RpmIndex {
    /** Streams the full file list of every package (filelists.xml); called at most once, when a path needs it. */
    @FunctionalInterface
    public interface FileListSource {
        void forEach(Consumer<PackageFiles> action);

        FileListSource NONE = action -> {};
    }

    private final String arch;
    private final String label;
    private final List<RpmPackage> packages;
    private final List<RpmPackage> foreign;
    private final Map<String, List<RpmPackage>> byName = new HashMap<>();
    private final Map<String, List<Provide>> provides = new HashMap<>();
    private final Map<String, List<RpmPackage>> primaryFiles = new HashMap<>();
    private final List<Comps> comps;
    private final FileListSource fileLists;
    private Map<String, List<RpmPackage>> allFiles;

    private record Provide(RpmPackage pkg, Simple provide) {}

    private RpmIndex(String arch, String label, List<RpmPackage> all, FileListSource fileLists, List<Comps> comps) {
        this.arch = arch;
        this.label = label;
        this.fileLists = fileLists;
        this.comps = List.copyOf(comps);
        List<RpmPackage> kept = new ArrayList<>();
        List<RpmPackage> other = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RpmPackage p : all) {
            if (!p.arch().equals(arch) && !p.arch().equals("noarch")) {
                other.add(p);
            } else if (seen.add(p.nevra())) { // the same build in two repositories: the first one listed wins
                kept.add(p);
                index(p);
            }
        }
        this.packages = List.copyOf(kept);
        this.foreign = List.copyOf(other);
    }

    /**
     * An index over {@code packages} (those of {@code arch} and noarch are kept), with their full file lists from
     * {@code fileLists} on demand and the groups of {@code comps}; {@code label} names the source in messages.
     */
    public static RpmIndex of(
            String arch, String label, List<RpmPackage> packages, FileListSource fileLists, List<Comps> comps) {
        return new RpmIndex(arch, label, packages, fileLists, comps);
    }

    /** The packages, file lists (read lazily) and comps of {@code repositories}, the first one preferred. */
    public static RpmIndex of(String arch, List<RpmMdRepository> repositories) {
        List<RpmPackage> all = new ArrayList<>();
        List<Comps> comps = new ArrayList<>();
        for (RpmMdRepository r : repositories) {
            r.forEachPackage(all::add);
            r.comps().ifPresent(comps::add);
        }
        String label =
                repositories.stream().map(r -> r.config().baseUrl().toString()).collect(Collectors.joining(", "));
        return new RpmIndex(arch, label, all, action -> repositories.forEach(r -> r.forEachFileList(action)), comps);
    }

    private void index(RpmPackage p) {
        byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        boolean selfProvided = false;
        for (Simple s : p.provides()) {
            provides.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(new Provide(p, s));
            selfProvided |= s.name().equals(p.name());
        }
        if (!selfProvided) { // createrepo always lists it; a hand-made index may not
            Simple self = new Simple(p.name(), RpmDependency.Comparison.EQ, p.evr());
            provides.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(new Provide(p, self));
        }
        for (ListedFile f : p.files()) {
            primaryFiles.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(p);
        }
    }

    public String arch() {
        return arch;
    }

    public String label() {
        return label;
    }

    /** The installable packages, in the order the repositories list them. */
    public List<RpmPackage> packages() {
        return packages;
    }

    /** The packages of {@code name}. */
    public List<RpmPackage> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The packages of other architectures, left out (used to explain why nothing provides something). */
    List<RpmPackage> foreignProviders(Simple requirement) {
        return foreign.stream()
                .filter(p -> p.provides().stream().anyMatch(requirement::overlaps)
                        || p.name().equals(requirement.name())
                        || p.files().stream().anyMatch(f -> f.path().equals(requirement.name())))
                .toList();
    }

    /** Every package that provides {@code requirement}, by provide or (for a path) by owning that file. */
    public List<RpmPackage> providers(Simple requirement) {
        Set<RpmPackage> out = Collections.newSetFromMap(new IdentityHashMap<>());
        List<RpmPackage> ordered = new ArrayList<>();
        for (Provide p : provides.getOrDefault(requirement.name(), List.of())) {
            if (requirement.overlaps(p.provide()) && out.add(p.pkg())) {
                ordered.add(p.pkg());
            }
        }
        if (requirement.name().startsWith("/")) {
            List<RpmPackage> owners = primaryFiles.get(requirement.name());
            if (owners == null) {
                owners = fullFileIndex().getOrDefault(requirement.name(), List.of());
            }
            owners.stream().filter(out::add).forEach(ordered::add);
        }
        return ordered;
    }

    /** The packages that satisfy {@code dependency} on their own (a simple, with or without dependency). */
    List<RpmPackage> satisfiers(RpmDependency dependency) {
        Map<RpmPackage, Boolean> candidates = new IdentityHashMap<>();
        leaves(dependency).forEach(s -> providers(s).forEach(p -> candidates.put(p, true)));
        return packages.stream()
                .filter(candidates::containsKey)
                .filter(p -> satisfiesAlone(p, dependency))
                .toList();
    }

    /** True when {@code pkg} alone satisfies {@code dependency}. */
    boolean satisfiesAlone(RpmPackage pkg, RpmDependency dependency) {
        return dependency.satisfiedBy(req -> providers(req).stream().anyMatch(p -> p == pkg) ? Set.of(pkg) : Set.of());
    }

    /** The simple dependencies a rich one is made of. */
    static List<Simple> leaves(RpmDependency d) {
        List<Simple> out = new ArrayList<>();
        collectLeaves(d, out);
        return out;
    }

    private static void collectLeaves(RpmDependency d, List<Simple> out) {
        switch (d) {
            case Simple s -> out.add(s);
            case RpmDependency.And a -> a.operands().forEach(o -> collectLeaves(o, out));
            case RpmDependency.Or o -> o.operands().forEach(x -> collectLeaves(x, out));
            case RpmDependency.With w -> w.operands().forEach(o -> collectLeaves(o, out));
            case RpmDependency.Without w -> {
                collectLeaves(w.left(), out);
                collectLeaves(w.right(), out);
            }
            case RpmDependency.If i -> {
                collectLeaves(i.then(), out);
                collectLeaves(i.condition(), out);
                i.otherwise().ifPresent(o -> collectLeaves(o, out));
            }
            case RpmDependency.Unless u -> {
                collectLeaves(u.then(), out);
                collectLeaves(u.condition(), out);
                u.otherwise().ifPresent(o -> collectLeaves(o, out));
            }
        }
    }

    /** The comps group {@code id} of the first repository that has it. */
    public Optional<Comps.Group> group(String id) {
        return comps.stream().flatMap(c -> c.group(id).stream()).findFirst();
    }

    /** The ids of every group, sorted, for messages. */
    List<String> groupIds() {
        return comps.stream()
                .flatMap(c -> c.groups().stream())
                .map(Comps.Group::id)
                .distinct()
                .sorted()
                .toList();
    }

    private synchronized Map<String, List<RpmPackage>> fullFileIndex() {
        if (allFiles == null) {
            Map<String, List<RpmPackage>> byPkgid = new HashMap<>();
            for (RpmPackage p : packages) {
                byPkgid.computeIfAbsent(p.file().checksum().hex(), k -> new ArrayList<>())
                        .add(p);
            }
            Map<String, List<RpmPackage>> files = new LinkedHashMap<>();
            fileLists.forEach(listed -> {
                List<RpmPackage> owners = byPkgid.get(listed.pkgid());
                if (owners == null) {
                    return; // another architecture's package, or one left out as a duplicate
                }
                for (ListedFile f : listed.files()) {
                    List<RpmPackage> list = files.computeIfAbsent(f.path(), k -> new ArrayList<>());
                    owners.stream().filter(o -> !list.contains(o)).forEach(list::add);
                }
            });
            files.values().forEach(l -> l.sort(Comparator.comparing(RpmPackage::nevra)));
            allFiles = files;
        }
        return allFiles;
    }
}
