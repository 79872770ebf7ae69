package io.crossroot.debian.resolve;

import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class TmpCompareTest {
    @Test
    void compare() throws Exception {
        PackageIndex index;
        try (var in = Files.newInputStream(Path.of("/tmp/mmd/Packages"))) {
            List<io.crossroot.debian.Paragraph> ps = new ArrayList<>();
            io.crossroot.debian.Deb822.of(in, "x").forEachParagraph(ps::add);
            index = PackageIndex.fromParagraphs(ps, "riscv64", "trixie/main");
        }
        for (String v : List.of("buildd", "standard")) {
            Path f = Path.of("/tmp/mmd/" + v + "-names.txt");
            if (!Files.exists(f)) continue;
            long t = System.nanoTime();
            Resolution r = new Resolver(index).resolve(Variant.fromName(v));
            System.out.println(v + " resolved in " + (System.nanoTime() - t) / 1_000_000 + " ms, size " + r.size());
            Set<String> ours = new TreeSet<>(r.names());
            Set<String> theirs = new TreeSet<>(Files.readAllLines(f));
            Set<String> a = new TreeSet<>(ours); a.removeAll(theirs);
            Set<String> b = new TreeSet<>(theirs); b.removeAll(ours);
            System.out.println(v + " only ours: " + a);
            for (String n : a) System.out.println("   " + r.why(n));
            System.out.println(v + " only mmdebstrap: " + b);
        }
    }
}
