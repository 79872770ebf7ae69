package io.crossroot.rpm.resolve;

import static io.crossroot.rpm.resolve.TestPackage.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.rpm.repo.RpmPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resolver against libsolv, the solver dnf uses, on small constructed repositories: Debian's testsolv (from
 * libsolv-tools) solves the same install jobs for an empty system, and both must install the same NEVRA set.
 */
class RpmResolverLibsolvOracleTest {
    @TempDir
    Path work;

    private record Scenario(String name, List<TestPackage> packages, List<String> requests, boolean weakDeps) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Scenario scenario(String name, List<String> requests, boolean weak, TestPackage... packages) {
        return new Scenario(name, Arrays.asList(packages), requests, weak);
    }

    static Stream<Arguments> scenarios() {
        TestPackage[] richWorld = {
            pkg("a-1-1.x86_64"),
            pkg("b-1-1.x86_64"),
            pkg("c-2-1.x86_64"),
            pkg("c-3-1.x86_64"),
            pkg("or-1-1.x86_64").requires("(missing or b)"),
            pkg("and-1-1.x86_64").requires("(a and b)"),
            pkg("if-1-1.x86_64").requires("(a if b)"),
            pkg("ifelse-1-1.x86_64").requires("(a if b else c)"),
            pkg("unless-1-1.x86_64").requires("(a unless b)"),
            pkg("with-1-1.x86_64").requires("(c with c < 3)"),
            pkg("without-1-1.x86_64").requires("(c without c >= 3)"),
        };
        TestPackage[] weakWorld = {
            pkg("hello-2-1.x86_64").recommends("busybox", "missing", "(hello-doc if busybox)"),
            pkg("busybox-1-1.x86_64").requires("libfoo"),
            pkg("libfoo-1-1.noarch"),
            pkg("hello-doc-1-1.noarch"),
            pkg("hello-langpack-1-1.noarch").supplements("(hello and langpacks-de)"),
            pkg("langpacks-de-1-1.noarch"),
            pkg("hello-bash-completion-1-1.noarch").supplements("(hello and bash)"),
            pkg("needs-missing-1-1.noarch").supplements("hello").requires("missing"),
        };
        return Stream.of(
                        scenario(
                                "providers by name",
                                List.of("mailer", "app"),
                                true,
                                pkg("mailer-1-1.x86_64").requires("mta"),
                                pkg("postfix-3-1.x86_64").provides("mta"),
                                pkg("exim-4-1.x86_64").provides("mta"),
                                pkg("zzz-1-1.x86_64").provides("mta"),
                                pkg("aaaa-1-1.x86_64").provides("mta"),
                                pkg("app-1-1.x86_64").requires("backend").recommends("fancy"),
                                pkg("fancy-1-1.x86_64").provides("backend"),
                                pkg("b-1-1.x86_64").provides("backend")),
                        scenario(
                                "versions",
                                List.of("pre", "old"),
                                true,
                                pkg("tool-1.0~rc1-1.x86_64"),
                                pkg("tool-1.0-1.x86_64"),
                                pkg("tool-0.9^git1-1.x86_64"),
                                pkg("old-1:0.5-1.x86_64"),
                                pkg("old-9.9-1.x86_64"),
                                pkg("pre-1-1.x86_64").requires("tool < 1.0")),
                        scenario("or", List.of("or"), true, richWorld),
                        scenario("and", List.of("and"), true, richWorld),
                        scenario("if", List.of("if"), true, richWorld),
                        scenario("if met", List.of("if", "b"), true, richWorld),
                        scenario("if else", List.of("ifelse"), true, richWorld),
                        scenario("unless", List.of("unless"), true, richWorld),
                        // not "unless met": testsolv finds (a unless b) unsatisfiable once b is installed, where
                        // rpm (and crossroot, RpmDependency.Unless) is satisfied
                        scenario("with", List.of("with"), true, richWorld),
                        scenario("without", List.of("without"), true, richWorld),
                        scenario(
                                "conflict",
                                List.of("app"),
                                true,
                                pkg("app-1-1.x86_64").requires("mta", "lib"),
                                pkg("lib-1-1.x86_64"),
                                pkg("postfix-3-1.x86_64").provides("mta").conflicts("lib"),
                                pkg("sendmail-8-1.x86_64").provides("mta")),
                        scenario(
                                "obsoletes",
                                List.of("app"),
                                true,
                                pkg("python-foo-1-1.noarch"),
                                pkg("python3-foo-2-1.noarch")
                                        .provides("python-foo = 2")
                                        .obsoletes("python-foo < 2"),
                                pkg("app-1-1.noarch").requires("python-foo")),
                        scenario("weak deps", List.of("hello", "langpacks-de"), true, weakWorld),
                        scenario("no weak deps", List.of("hello", "langpacks-de"), false, weakWorld),
                        scenario(
                                "backtracking",
                                List.of("app"),
                                true,
                                pkg("app-1-1.x86_64").requires("shell"),
                                pkg("ash-1-1.x86_64").provides("shell").requires("nowhere"),
                                pkg("bash-5-1.x86_64").provides("shell")),
                        scenario(
                                "cycle",
                                List.of("app"),
                                true,
                                pkg("app-1-1.x86_64").requires("glibc", "bash"),
                                pkg("bash-5-1.x86_64").requires("glibc"),
                                pkg("glibc-2-1.x86_64").requires("glibc-common").requiresPre("filesystem"),
                                pkg("glibc-common-2-1.x86_64").requires("glibc").requiresPre("sh"),
                                pkg("filesystem-3-1.noarch").requiresPre("setup"),
                                pkg("setup-2-1.noarch"),
                                pkg("sh-1-1.x86_64").requires("glibc")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void installsWhatLibsolvInstalls(Scenario s) throws Exception {
        List<RpmPackage> built = s.packages().stream().map(TestPackage::build).toList();
        RpmIndex index = RpmIndex.of("x86_64", "the test repository", built, RpmIndex.FileListSource.NONE, List.of());
        RpmResolver resolver = s.weakDeps() ? new RpmResolver(index) : new RpmResolver(index).noWeakDeps();

        assertThat(resolver.resolve(s.requests()).nevras()).isEqualTo(testsolv(s, index));
    }

    /** What testsolv installs into an empty x86_64 system for the scenario's install jobs. */
    private SortedSet<String> testsolv(Scenario s, RpmIndex index) throws IOException, InterruptedException {
        StringBuilder testcase = new StringBuilder("repo system 0 testtags <inline>\nrepo test 0 testtags <inline>\n");
        s.packages().forEach(p -> testcase.append(p.testtags()));
        testcase.append("system x86_64 rpm system\n");
        if (!s.weakDeps()) {
            testcase.append("solverflags ignorerecommended\n");
        }
        for (String request : s.requests()) {
            testcase.append(index.named(request).isEmpty() ? "job install provides " : "job install name ")
                    .append(request)
                    .append('\n');
        }
        testcase.append("result transaction,problems <inline>\n");
        Path file = Files.writeString(work.resolve("case.t"), testcase);
        Process p = new ProcessBuilder("testsolv", file.toString())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as(testcase.toString()).doesNotContain("problem");
        TreeSet<String> installed = new TreeSet<>();
        out.lines()
                .filter(l -> l.startsWith("+install "))
                .map(l -> l.substring("+install ".length(), l.lastIndexOf('@')))
                .forEach(installed::add);
        assertThat(installed).as(out).isNotEmpty();
        return installed;
    }
}
