package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.util.UsageError;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A user's mistake is explained in one paragraph; anything else is reported as crossroot's own bug. */
class FailureReportTest {
    private record Report(int exitCode, String err) {}

    private static Report report(Exception e) {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return new Report(Main.handleFailure(e, cl, null), err.toString());
    }

    @Test
    void aBareIOExceptionIsAnInternalErrorWithItsStackTrace() {
        Report r = report(new NoSuchFileException("/var/tmp/crossroot/index/Packages"));
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err())
                .contains("java.nio.file.NoSuchFileException", "\tat ")
                .endsWith("crossroot: internal error: /var/tmp/crossroot/index/Packages. This is a bug in crossroot; "
                        + "please report it with the output above." + System.lineSeparator());
    }

    @Test
    void anUncheckedIOExceptionAndABugAreInternalErrorsToo() {
        Report io = report(new UncheckedIOException(new IOException("Stream closed")));
        assertThat(io.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(io.err())
                .contains("\tat ", "crossroot: internal error: ", "Stream closed", "This is a bug in crossroot");

        Report bug = report(new IllegalStateException());
        assertThat(bug.err()).contains("crossroot: internal error: IllegalStateException. This is a bug");
    }

    @Test
    void aUserErrorIsOneParagraphWithoutAStackTrace() {
        Report r = report(new UserError(
                "Cannot read /tmp/recipe.yaml: permission denied.",
                new java.nio.file.AccessDeniedException("/tmp/recipe.yaml")));
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err())
                .isEqualTo("crossroot: Cannot read /tmp/recipe.yaml: permission denied." + System.lineSeparator());
    }

    @Test
    void aUserErrorWrappedByTheCodeIsStillTheUsersAndAUsageErrorExitsTwo() {
        Report wrapped = report(new RuntimeException(new UserError("No image disk.img.")));
        assertThat(wrapped.err()).isEqualTo("crossroot: No image disk.img." + System.lineSeparator());

        Report usage = report(new UsageError("recipe.yaml line 3: unknown key 'sute'."));
        assertThat(usage.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(usage.err()).doesNotContain("internal error", "\tat ");
    }
}
