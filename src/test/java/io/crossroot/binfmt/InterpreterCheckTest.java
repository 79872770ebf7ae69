package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtIssue.Kind;
import io.crossroot.binfmt.BinfmtIssue.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpreterCheckTest {
    @TempDir
    Path hostRoot;

    private BinfmtEntry entry(String interpreter, String flags) {
        return new BinfmtEntry(
                "qemu-riscv64",
                true,
                interpreter,
                flags,
                0,
                ArchCatalog.require("riscv64").binfmtPattern(),
                null);
    }

    private void install(String fixture, String at) throws IOException {
        Path target = hostRoot.resolve(at.substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(Path.of("src/test/resources/fixtures/elf", fixture), target);
    }

    @Test
    void missingInterpreterWithoutFIsAnError() {
        List<BinfmtIssue> issues = InterpreterCheck.check(entry("/usr/bin/qemu-riscv64", "P"), hostRoot);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(Kind.INTERPRETER_MISSING);
            assertThat(i.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void missingInterpreterWithFStillWorksForNow() {
        List<BinfmtIssue> issues = InterpreterCheck.check(entry("/usr/bin/qemu-riscv64", "PF"), hostRoot);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(Kind.INTERPRETER_MISSING_BUT_OPEN);
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.message()).contains("still holds the file");
        });
    }

    @Test
    void dynamicInterpreterFailsInChrootsEvenWithF() throws IOException {
        install("x86_64-true", "/usr/bin/qemu-riscv64");
        for (String flags : List.of("P", "PF")) {
            List<BinfmtIssue> issues = InterpreterCheck.check(entry("/usr/bin/qemu-riscv64", flags), hostRoot);
            assertThat(issues).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(Kind.DYNAMIC_INTERPRETER);
                assertThat(i.message()).contains("/lib64/ld-linux-x86-64.so.2");
            });
        }
    }

    @Test
    void staticInterpreterWithFIsFine() throws IOException {
        install("riscv64-mksh-static", "/opt/qemu-static");
        assertThat(InterpreterCheck.check(entry("/opt/qemu-static", "POF"), hostRoot))
                .isEmpty();
        assertThat(InterpreterCheck.check(entry("/opt/qemu-static", "P"), hostRoot))
                .singleElement()
                .extracting(BinfmtIssue::kind)
                .isEqualTo(Kind.INTERPRETER_NOT_OPEN);
    }
}
