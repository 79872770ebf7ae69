package io.crossroot.rpm.resolve;

import static io.crossroot.rpm.resolve.TestPackage.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.rpm.repo.Comps;
import io.crossroot.rpm.repo.RpmPackage;
import io.crossroot.util.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RpmResolverTest {
    private final AtomicInteger fileListReads = new AtomicInteger();

    private RpmIndex index(List<Comps> comps, TestPackage... packages) {
        List<RpmPackage> built = Arrays.stream(packages).map(TestPackage::build).toList();
        return RpmIndex.of(
                "riscv64",
                "the test repository",
                built,
                action -> {
                    fileListReads.incrementAndGet();
                    Arrays.stream(packages).map(TestPackage::fileList).forEach(action);
                },
                comps);
    }

    private RpmIndex index(TestPackage... packages) {
        return index(List.of(), packages);
    }

    private static RpmResolution resolve(RpmIndex index, String... requests) {
        return new RpmResolver(index).resolve(List.of(requests));
    }

    @Test
    void followsRequiresAndSaysWhy() {
        RpmIndex index = index(
                pkg("hello-2.10-5.riscv64").requires("libc.so.6()(64bit)"),
                pkg("glibc-2.41-12.riscv64").provides("libc.so.6()(64bit)").requires("filesystem"),
                pkg("filesystem-3.18-1.noarch"),
                pkg("unrelated-1-1.riscv64"));
        RpmResolution r = resolve(index, "hello");
        assertThat(r.names()).containsExactly("hello", "glibc", "filesystem");
        assertThat(r.why("filesystem")).isEqualTo("hello (requested) -> glibc -> filesystem");
        assertThat(r.reason("glibc").via()).isEqualTo("Requires: libc.so.6()(64bit)");
        assertThat(r.nevras())
                .containsExactly("filesystem-3.18-1.noarch", "glibc-2.41-12.riscv64", "hello-2.10-5.riscv64");
    }

    @Test
    void takesTheHighestEvrAsRpmComparesThem() {
        RpmIndex index = index(
                pkg("tool-1.0~rc1-1.riscv64"),
                pkg("tool-1.0-1.riscv64"),
                pkg("tool-0.9^git1-1.riscv64"),
                pkg("old-1:0.5-1.riscv64"),
                pkg("old-9.9-1.riscv64"),
                pkg("pre-1-1.riscv64").requires("tool < 1.0"));
        assertThat(resolve(index, "tool").nevras()).containsExactly("tool-1.0-1.riscv64");
        assertThat(resolve(index, "old").nevras()).containsExactly("old-1:0.5-1.riscv64");
        // 1.0~rc1 sorts before 1.0, and 0.9^git1 before it
        assertThat(resolve(index, "pre").nevras()).containsExactly("pre-1-1.riscv64", "tool-1.0~rc1-1.riscv64");
    }

    @Test
    void prefersTheTargetArchitectureAndNeverTakesAForeignOne() {
        RpmIndex index = index(
                pkg("data-1-1.noarch"),
                pkg("data-1-1.riscv64"),
                pkg("lib-2-1.x86_64"),
                pkg("app-1-1.riscv64").requires("lib"));
        assertThat(resolve(index, "data").nevras()).containsExactly("data-1-1.riscv64");
        assertThatThrownBy(() -> resolve(index, "app"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("app (requested) -> lib: nothing provides it for riscv64 (only lib-2-1.x86_64, "
                        + "of another architecture)");
    }

    @Test
    void aChosenPackageWinsOverANewProviderAndTiesGoToTheFirstName() {
        RpmIndex index = index(
                pkg("mailer-1-1.riscv64").requires("mta"),
                pkg("postfix-3-1.riscv64").provides("mta"),
                pkg("exim-4-1.riscv64").provides("mta"),
                pkg("zzz-1-1.riscv64").provides("mta"),
                pkg("aaaa-1-1.riscv64").provides("mta"));
        assertThat(resolve(index, "mailer").names()).containsExactly("mailer", "aaaa");
        assertThat(resolve(index, "mailer", "postfix").names()).containsExactly("mailer", "postfix");
        // the requested package is marked before the requirements of the others are followed
        assertThat(resolve(index, "mailer", "exim").names()).containsExactly("mailer", "exim");
    }

    @Test
    void aRecommendedProviderWinsOverAnEarlierName() {
        RpmIndex index = index(
                pkg("app-1-1.riscv64").requires("backend").recommends("fancy"),
                pkg("fancy-1-1.riscv64").provides("backend"),
                pkg("b-1-1.riscv64").provides("backend"));
        assertThat(resolve(index, "app").names()).containsExactly("app", "fancy");
    }

    @Test
    void matchesFileRequirementsInPrimaryFirstAndReadsFileListsOnlyWhenNeeded() {
        RpmIndex index = index(
                pkg("hello-2.10-5.riscv64").requiresPre("/usr/bin/grep"),
                pkg("busybox-1:1.37.0-6.riscv64").files("/usr/bin/grep").otherFiles("/usr/share/busybox/README"),
                pkg("docs-1-1.noarch").requires("/usr/share/busybox/README"));
        assertThat(resolve(index, "hello").names()).containsExactly("hello", "busybox");
        assertThat(fileListReads).hasValue(0);
        assertThat(resolve(index, "docs").names()).containsExactly("docs", "busybox");
        assertThat(fileListReads).hasValue(1);
        assertThat(resolve(index, "/usr/share/busybox/README").names()).containsExactly("busybox");
        assertThat(fileListReads).hasValue(1); // read once per index
    }

    @Test
    void meetsRichDependencies() {
        TestPackage[] world = {
            pkg("a-1-1.riscv64"),
            pkg("b-1-1.riscv64"),
            pkg("c-2-1.riscv64"),
            pkg("c-3-1.riscv64"),
            pkg("or-1-1.riscv64").requires("(missing or b)"),
            pkg("and-1-1.riscv64").requires("(a and b)"),
            pkg("if-1-1.riscv64").requires("(a if b)"),
            pkg("ifelse-1-1.riscv64").requires("(a if b else c)"),
            pkg("unless-1-1.riscv64").requires("(a unless b)"),
            pkg("with-1-1.riscv64").requires("(c with c < 3)"),
            pkg("without-1-1.riscv64").requires("(c without c >= 3)"),
        };
        RpmIndex index = index(world);
        assertThat(resolve(index, "or").names()).containsExactly("or", "b");
        assertThat(resolve(index, "and").names()).containsExactly("and", "a", "b");
        assertThat(resolve(index, "if").names()).containsExactly("if");
        assertThat(resolve(index, "if", "b").names()).containsExactly("if", "b", "a");
        // as libsolv does, the condition and its consequence are tried before the else branch
        assertThat(resolve(index, "ifelse").names()).containsExactly("ifelse", "b", "a");
        assertThat(resolve(index, "unless").names()).containsExactly("unless", "a");
        assertThat(resolve(index, "unless", "b").names()).containsExactly("unless", "b");
        assertThat(resolve(index, "with").nevras()).containsExactly("c-2-1.riscv64", "with-1-1.riscv64");
        assertThat(resolve(index, "without").nevras()).containsExactly("c-2-1.riscv64", "without-1-1.riscv64");
    }

    @Test
    void aConditionMetLaterStillPullsInWhatItAsks() {
        RpmIndex index = index(
                pkg("first-1-1.riscv64").requires("(extra if second)"),
                pkg("second-1-1.riscv64"),
                pkg("extra-1-1.riscv64"),
                pkg("top-1-1.riscv64").requires("first", "second"));
        assertThat(resolve(index, "top").names()).containsExactly("top", "first", "second", "extra");
    }

    @Test
    void aConflictMakesTheResolverTryTheNextCandidate() {
        RpmIndex index = index(
                pkg("app-1-1.riscv64").requires("mta", "lib"),
                pkg("lib-1-1.riscv64"),
                pkg("postfix-3-1.riscv64").provides("mta").conflicts("lib"),
                pkg("sendmail-8-1.riscv64").provides("mta"));
        // postfix is taken first for mta; lib, required next, is refused by it, so the search goes back to mta
        RpmResolution r = resolve(index, "app");
        assertThat(r.names()).containsExactly("app", "sendmail", "lib");
        assertThat(r.why("lib")).isEqualTo("app (requested) -> lib");
    }

    @Test
    void aConflictEitherWayRoundNamesBothSides() {
        RpmIndex index = index(
                pkg("hello-2-1.riscv64").conflicts("hello-legacy < 2"),
                pkg("hello-legacy-1-1.riscv64"),
                pkg("tool-1-1.riscv64").requires("hello-legacy"));
        assertThatThrownBy(() -> resolve(index, "hello", "tool"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("tool (requested) -> hello-legacy: hello-2-1.riscv64 conflicts with "
                        + "hello-legacy-1-1.riscv64 (Conflicts: hello-legacy < 2); hello was chosen for hello "
                        + "(requested)");
        assertThatThrownBy(() -> resolve(index, "hello-legacy", "hello"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("hello (requested) cannot be installed: hello-2-1.riscv64 conflicts with "
                        + "hello-legacy-1-1.riscv64 (Conflicts: hello-legacy < 2), which was chosen for hello-legacy "
                        + "(requested)");
    }

    @Test
    void anObsoletedPackageIsNotInstalled() {
        RpmIndex index = index(
                pkg("python-foo-1-1.noarch"),
                pkg("python3-foo-2-1.noarch").provides("python-foo = 2").obsoletes("python-foo < 2"),
                pkg("app-1-1.noarch").requires("python-foo"),
                pkg("old-app-1-1.noarch").requires("python-foo < 2"));
        // a request for the old name installs what obsoletes it, as dnf does
        RpmResolution byName = resolve(index, "python-foo");
        assertThat(byName.names()).containsExactly("python3-foo");
        assertThat(byName.reason("python3-foo").via()).isEqualTo("requested, python-foo is obsoleted");
        // among providers, the obsoleted one is dropped
        assertThat(resolve(index, "app").names()).containsExactly("app", "python3-foo");
        assertThatThrownBy(() -> resolve(index, "python3-foo", "old-app"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("old-app (requested) -> python-foo < 2: python3-foo-2-1.noarch obsoletes "
                        + "python-foo-1-1.noarch (Obsoletes: python-foo < 2); python3-foo was chosen for python3-foo "
                        + "(requested)");
    }

    @Test
    void followsRecommendsAndSupplementsUnlessWeakDependenciesAreOff() {
        RpmIndex index = index(
                pkg("hello-2-1.riscv64").recommends("busybox", "missing", "(hello-doc if busybox)"),
                pkg("busybox-1-1.riscv64").requires("broken-dep-free"),
                pkg("broken-dep-free-1-1.noarch"),
                pkg("hello-doc-1-1.noarch"),
                pkg("hello-langpack-1-1.noarch").supplements("(hello and langpacks-de)"),
                pkg("langpacks-de-1-1.noarch"),
                pkg("hello-bash-completion-1-1.noarch").supplements("(hello and bash)"),
                pkg("needs-missing-1-1.noarch").supplements("hello").requires("missing"));
        RpmResolution weak = resolve(index, "hello", "langpacks-de");
        assertThat(weak.names())
                .containsExactly("hello", "langpacks-de", "busybox", "broken-dep-free", "hello-doc", "hello-langpack");
        assertThat(weak.why("hello-langpack")).isEqualTo("hello (requested) -> hello-langpack");
        assertThat(weak.reason("hello-langpack").via()).isEqualTo("Supplements: (hello and langpacks-de)");
        assertThat(weak.why("broken-dep-free")).isEqualTo("hello (requested) -> busybox -> broken-dep-free");
        RpmResolution strong = new RpmResolver(index).noWeakDeps().resolve(List.of("hello", "langpacks-de"));
        assertThat(strong.names()).containsExactly("hello", "langpacks-de");
    }

    @Test
    void installsAGroupsMandatoryAndDefaultPackages() {
        Comps comps = new Comps(
                List.of(new Comps.Group(
                        "core",
                        "Core",
                        "",
                        true,
                        true,
                        List.of("filesystem", "gone"),
                        List.of("hello"),
                        List.of("optional-tool"),
                        Map.of("hello-de", "hello", "never", "optional-tool"))),
                List.of());
        RpmIndex index = index(
                List.of(comps),
                pkg("filesystem-3-1.noarch"),
                pkg("hello-2-1.riscv64"),
                pkg("hello-de-2-1.noarch"),
                pkg("never-1-1.noarch"),
                pkg("optional-tool-1-1.riscv64"));
        RpmResolution r = resolve(index, "@core");
        assertThat(r.names()).containsExactly("filesystem", "hello", "hello-de");
        assertThat(r.why("hello")).isEqualTo("hello (@core)");
        assertThat(r.warnings()).containsExactly("The group core lists gone, which no repository has; skipped.");
        assertThatThrownBy(() -> resolve(index, "@extras"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("No group 'extras'")
                .hasMessageContaining("(its groups: core)");
    }

    @Test
    void takesProvidesFilePathsAndVersionedRequests() {
        RpmIndex index = index(
                pkg("hello-2.10-5.riscv64").provides("greeting = 2.10").files("/usr/bin/hello"),
                pkg("hi-1-1.riscv64").provides("greeting = 1"));
        assertThat(resolve(index, "greeting >= 2").names()).containsExactly("hello");
        assertThat(resolve(index, "/usr/bin/hello").names()).containsExactly("hello");
        assertThat(resolve(index, "greeting").names()).containsExactly("hello"); // both provide it: the first name
        assertThatThrownBy(() -> resolve(index, "nosuch"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("nothing provides 'nosuch' (requested)");
        assertThatThrownBy(() -> resolve(index, "greeting > 3"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("(the repositories have only hello-2.10-5.riscv64, hi-1-1.riscv64)");
    }

    @Test
    void anUnsatisfiableChainIsOneErrorNamingIt() {
        RpmIndex index = index(
                pkg("hello-2.10-5.riscv64").requires("glibc"),
                pkg("glibc-2.41-12.riscv64").requires("/bin/sh"));
        assertThatThrownBy(() -> resolve(index, "hello"))
                .isInstanceOf(UserError.class)
                .hasMessage("Cannot resolve the packages for riscv64 from the test repository: hello (requested) -> "
                        + "glibc -> /bin/sh: nothing provides it. Check the requested names and that every "
                        + "repository they need is given.");
    }

    @Test
    void backtracksWhenAProvidersOwnRequirementsFail() {
        RpmIndex index = index(
                pkg("app-1-1.riscv64").requires("shell"),
                pkg("ash-1-1.riscv64").provides("shell").requires("nowhere"),
                pkg("bash-5-1.riscv64").provides("shell"));
        RpmResolution r = resolve(index, "app");
        assertThat(r.names()).containsExactly("app", "bash");
    }

    @Test
    void resolvesCyclesAndOrdersThemAsRpmDoes() {
        RpmIndex index = index(
                pkg("app-1-1.riscv64").requires("glibc", "bash"),
                pkg("bash-5-1.riscv64").requires("glibc"),
                pkg("glibc-2-1.riscv64").requires("glibc-common").requiresPre("filesystem"),
                pkg("glibc-common-2-1.riscv64").requires("glibc").requiresPre("/bin/sh"),
                pkg("filesystem-3-1.noarch").requiresPre("setup"),
                pkg("setup-2-1.noarch"),
                pkg("sh-1-1.riscv64").files("/bin/sh").requires("glibc"));
        RpmResolution r = resolve(index, "app");
        assertThat(r.names())
                .containsExactlyInAnyOrder("app", "bash", "glibc", "glibc-common", "filesystem", "setup", "sh");
        RpmInstallOrder order = RpmInstallOrder.of(r, index);
        List<String> names = order.packages().stream().map(RpmPackage::name).toList();
        // requirements first; in the loop glibc -> glibc-common -> sh -> glibc only Requires(pre) is kept
        assertThat(names).containsExactly("setup", "filesystem", "glibc", "sh", "glibc-common", "bash", "app");
        assertThat(order.brokenEdges()).allMatch(e -> !e.pre());
        assertThat(order.brokenEdges().stream().map(Object::toString)).containsExactly("glibc requires glibc-common");
    }
}
