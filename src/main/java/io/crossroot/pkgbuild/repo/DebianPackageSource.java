package io.crossroot.pkgbuild.repo;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationParser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A Debian suite's main component as a {@link PackageSource}. */
public final class DebianPackageSource implements PackageSource {
    private final DebianRepository repo;

    public DebianPackageSource(DebianRepository repo) {
        this.repo = repo;
    }

    @Override
    public String describe() {
        return "debian " + repo.config().suite() + "/main";
    }

    @Override
    public List<PackageEntry> packages(String arch) {
        List<PackageEntry> out = new ArrayList<>();
        repo.forEachPackage(List.of("main"), arch, p -> out.add(entry(p)));
        return out;
    }

    static PackageEntry entry(Paragraph p) {
        List<String> requires = Stream.of("Pre-Depends", "Depends")
                .flatMap(f -> RelationParser.parse(f, p.get(f)).stream())
                .map(g -> g.alternatives().get(0).name()).distinct().toList();
        List<String> provides = RelationParser.parseWithoutAlternatives("Provides", p.get("Provides")).stream()
                .map(Relation::name).toList();
        return new PackageEntry(p.get("Package"), p.get("Version"), p.get("Architecture"), p.get("Filename"),
                Long.parseLong(p.getOrDefault("Size", "0")), p.get("SHA256"), requires, provides);
    }
}
