package io.crossroot.debian.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.RelationGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Resolves real base sets from the mirror's trixie/main riscv64 index and compares them with mmdebstrap's. */
@Tag("mirror")
class MinbaseMirrorTest {
    private static PackageIndex index;

    @BeforeAll
    static void download() throws IOException, InterruptedException {
        index = PackageIndex.fromParagraphs(
                MirrorPackages.fetch("trixie", "main", "riscv64"), "riscv64", "trixie/main");
    }

    @Test
    void minbaseIsClosedOverDependenciesAndHoldsTheBasics() {
        Resolution minbase = new Resolver(index).resolve(Variant.MINBASE);

        assertThat(minbase.names()).contains("apt", "dpkg", "libc6", "base-files", "bash", "coreutils");
        assertEveryDependencySatisfied(minbase);
        assertNoConflicts(minbase);
        assertThat(minbase.chain("libc6").get(0)).isIn(minbase.names());
    }

    /** The lists are the dpkg status of real mmdebstrap runs; see fixtures/resolve/README.md. */
    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"MINBASE", "BUILDD", "STANDARD"})
    void matchesMmdebstrap(Variant variant) throws IOException {
        Set<String> ours = new TreeSet<>(new Resolver(index).resolve(variant).names());
        Set<String> theirs = new TreeSet<>(
                readLines("/fixtures/resolve/mmdebstrap-" + variant.displayName() + "-trixie-riscv64.txt"));
        Set<String> onlyOurs = new TreeSet<>(ours);
        onlyOurs.removeAll(theirs);
        Set<String> onlyTheirs = new TreeSet<>(theirs);
        onlyTheirs.removeAll(ours);
        assertThat(onlyOurs).as("only in crossroot's " + variant.displayName()).isEmpty();
        assertThat(onlyTheirs)
                .as("only in mmdebstrap's " + variant.displayName())
                .isEmpty();
    }

    @Test
    void biggerVariantsAreClosedToo() {
        for (Variant v : List.of(Variant.BUILDD, Variant.STANDARD)) {
            Resolution r = new Resolver(index).resolve(v);
            assertEveryDependencySatisfied(r);
            assertNoConflicts(r);
        }
        assertThat(new Resolver(index).resolve(Variant.BUILDD).names()).contains("build-essential", "gcc", "make");
    }

    @Test
    void installOrderPutsDependenciesFirst() {
        Resolution minbase = new Resolver(index).resolve(Variant.MINBASE);
        InstallOrder order = InstallOrder.of(minbase.packages(), index.matcher());
        List<String> names = order.packages().stream().map(BinaryPackage::name).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(minbase.names());
        assertThat(names.indexOf("libc6")).isLessThan(names.indexOf("bash"));
        assertThat(names.indexOf("libc6")).isLessThan(names.indexOf("apt"));
        // every Pre-Depends points backwards
        for (InstallOrder.Edge e : order.edges()) {
            if (e.preDepends()) {
                assertThat(names.indexOf(e.dependency().name()))
                        .as(e.toString())
                        .isLessThan(names.indexOf(e.dependent().name()));
            }
        }
    }

    private static void assertEveryDependencySatisfied(Resolution r) {
        List<String> unmet = new ArrayList<>();
        RelationMatcher m = index.matcher();
        for (BinaryPackage p : r.packages()) {
            List<RelationGroup> groups = new ArrayList<>(p.preDepends());
            groups.addAll(p.depends());
            for (RelationGroup g : groups) {
                boolean ok = g.alternatives().stream()
                        .anyMatch(rel -> r.packages().stream().anyMatch(q -> m.satisfies(q, rel, p.architecture())));
                if (!ok) {
                    unmet.add(p.name() + " -> " + g);
                }
            }
        }
        assertThat(unmet).isEmpty();
    }

    private static void assertNoConflicts(Resolution r) {
        RelationMatcher m = index.matcher();
        List<String> clashes = new ArrayList<>();
        for (BinaryPackage p : r.packages()) {
            for (var rel : concat(p.conflicts(), p.breaks())) {
                r.packages().stream().filter(q -> m.conflicts(p, rel, q)).forEach(q -> clashes.add(p + " x " + q));
            }
        }
        assertThat(clashes).isEmpty();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> readLines(String resource) throws IOException {
        try (InputStream in = MinbaseMirrorTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }
}
