package io.crossroot.debian.resolve;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Loads the real stanzas under src/test/resources/fixtures/resolve. */
final class Fixtures {
    private Fixtures() {}

    static List<BinaryPackage> trixie() {
        return load("trixie-riscv64-Packages");
    }

    static List<BinaryPackage> forky() {
        return load("forky-riscv64-Packages");
    }

    static PackageIndex index(List<BinaryPackage> packages) {
        return PackageIndex.of(packages, "riscv64", "trixie/main");
    }

    /** The trixie fixture without the named packages. */
    static List<BinaryPackage> trixieWithout(String... names) {
        Set<String> drop = Set.of(names);
        return trixie().stream().filter(p -> !drop.contains(p.name())).toList();
    }

    static List<BinaryPackage> concat(List<BinaryPackage> a, List<BinaryPackage> b) {
        List<BinaryPackage> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<BinaryPackage> load(String name) {
        String resource = "/fixtures/resolve/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            List<BinaryPackage> out = new ArrayList<>();
            for (Paragraph p : Deb822.of(in, resource)) {
                out.add(BinaryPackage.from(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
