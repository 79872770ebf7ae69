package io.crossroot.rpm.resolve;

import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmVersion;
import io.crossroot.rpm.repo.Checksum;
import io.crossroot.rpm.repo.ListedFile;
import io.crossroot.rpm.repo.PackageFiles;
import io.crossroot.rpm.repo.RepoFile;
import io.crossroot.rpm.repo.RpmPackage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds a small {@link RpmPackage} as primary.xml would describe it: {@code pkg("hello-2.10-5.riscv64")}. */
final class TestPackage {
    private final String name;
    private final String arch;
    private final RpmVersion evr;
    private final List<RpmDependency.Simple> provides = new ArrayList<>();
    private final List<RpmDependency> requires = new ArrayList<>();
    private final List<RpmDependency> preRequires = new ArrayList<>();
    private final List<RpmDependency> conflicts = new ArrayList<>();
    private final List<RpmDependency> obsoletes = new ArrayList<>();
    private final List<RpmDependency> recommends = new ArrayList<>();
    private final List<RpmDependency> supplements = new ArrayList<>();
    private final List<ListedFile> files = new ArrayList<>();
    private final List<ListedFile> otherFiles = new ArrayList<>();

    private TestPackage(String nevra) {
        int dot = nevra.lastIndexOf('.');
        arch = nevra.substring(dot + 1);
        String nevr = nevra.substring(0, dot);
        int release = nevr.lastIndexOf('-');
        int version = nevr.lastIndexOf('-', release - 1);
        name = nevr.substring(0, version);
        evr = RpmVersion.parse(nevr.substring(version + 1));
    }

    static TestPackage pkg(String nevra) {
        return new TestPackage(nevra);
    }

    TestPackage provides(String... deps) {
        for (String d : deps) {
            provides.add((RpmDependency.Simple) RpmDependency.parse(d));
        }
        return this;
    }

    TestPackage requires(String... deps) {
        for (String d : deps) {
            requires.add(RpmDependency.parse(d));
        }
        return this;
    }

    /** Requires(pre): listed in requires too, as primary.xml does. */
    TestPackage requiresPre(String... deps) {
        for (String d : deps) {
            requires.add(RpmDependency.parse(d));
            preRequires.add(RpmDependency.parse(d));
        }
        return this;
    }

    TestPackage conflicts(String... deps) {
        for (String d : deps) {
            conflicts.add(RpmDependency.parse(d));
        }
        return this;
    }

    TestPackage obsoletes(String... deps) {
        for (String d : deps) {
            obsoletes.add(RpmDependency.parse(d));
        }
        return this;
    }

    TestPackage recommends(String... deps) {
        for (String d : deps) {
            recommends.add(RpmDependency.parse(d));
        }
        return this;
    }

    TestPackage supplements(String... deps) {
        for (String d : deps) {
            supplements.add(RpmDependency.parse(d));
        }
        return this;
    }

    /** Files primary.xml lists (bin, sbin, /etc). */
    TestPackage files(String... paths) {
        for (String p : paths) {
            files.add(new ListedFile(p, ListedFile.Kind.FILE));
        }
        return this;
    }

    /** Files only filelists.xml lists. */
    TestPackage otherFiles(String... paths) {
        for (String p : paths) {
            otherFiles.add(new ListedFile(p, ListedFile.Kind.FILE));
        }
        return this;
    }

    RpmPackage build() {
        String nevra = name + "-" + evr + "." + arch;
        return new RpmPackage(
                name,
                arch,
                evr,
                new RepoFile("Packages/" + nevra + ".rpm", checksum(nevra), 1),
                "MIT",
                name + "-" + evr + ".src.rpm",
                provides,
                requires,
                preRequires,
                conflicts,
                obsoletes,
                recommends,
                List.of(),
                supplements,
                List.of(),
                files);
    }

    /** The package's full file list, as filelists.xml gives it. */
    PackageFiles fileList() {
        List<ListedFile> all = new ArrayList<>(files);
        all.addAll(otherFiles);
        return new PackageFiles(checksum(name + "-" + evr + "." + arch).hex(), name, arch, evr, all);
    }

    /** The package in libsolv's testtags format, for testsolv. */
    String testtags() {
        StringBuilder out = new StringBuilder();
        String version = (evr.epoch() != 0 ? evr.epoch() + ":" : "") + evr.version();
        out.append("#>=Pkg: ")
                .append(name)
                .append(' ')
                .append(version)
                .append(' ')
                .append(evr.release().orElseThrow())
                .append(' ')
                .append(arch)
                .append('\n');
        tags(out, "Prv", provides);
        tags(out, "Req", requires);
        tags(out, "Con", conflicts);
        tags(out, "Obs", obsoletes);
        tags(out, "Rec", recommends);
        tags(out, "Sup", supplements);
        return out.toString();
    }

    private static void tags(StringBuilder out, String tag, List<? extends RpmDependency> deps) {
        deps.forEach(d ->
                out.append("#>=").append(tag).append(": ").append(testcase(d)).append('\n'));
    }

    /** libsolv's testcase spelling of a rich dependency: {@code a & b}, {@code a + (b < 2)} for with, ... */
    private static String testcase(RpmDependency d) {
        return switch (d) {
            case RpmDependency.Simple s -> s.toString();
            case RpmDependency.And a -> join(a.operands(), " & ");
            case RpmDependency.Or o -> join(o.operands(), " | ");
            case RpmDependency.With w -> join(w.operands(), " + ");
            case RpmDependency.Without w -> join(List.of(w.left(), w.right()), " - ");
            case RpmDependency.If i ->
                join(List.of(i.then(), i.condition()), " <IF> ")
                        + i.otherwise().map(e -> " <ELSE> " + nested(e)).orElse("");
            case RpmDependency.Unless u ->
                join(List.of(u.then(), u.condition()), " <UNLESS> ")
                        + u.otherwise().map(e -> " <ELSE> " + nested(e)).orElse("");
        };
    }

    private static String join(List<RpmDependency> operands, String op) {
        return String.join(op, operands.stream().map(TestPackage::nested).toList());
    }

    private static String nested(RpmDependency d) {
        return d instanceof RpmDependency.Simple s && s.evr() == null ? d.toString() : "(" + testcase(d) + ")";
    }

    String name() {
        return name;
    }

    private static Checksum checksum(String nevra) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(nevra.getBytes(StandardCharsets.UTF_8));
            return new Checksum("sha256", HexFormat.of().formatHex(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
