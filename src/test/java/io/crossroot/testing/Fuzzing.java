package io.crossroot.testing;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every parser's fuzz test holds it to: any input ends in a result or in a {@link UserError} (the one-paragraph
 * message a user sees); anything else (a NullPointerException, an index out of bounds, a stack or heap overflow,
 * an IOException the parser did not explain) is a finding.
 */
public final class Fuzzing {
    private static Path scratch;

    private Fuzzing() {}

    public interface Parse {
        void run() throws Exception;
    }

    public static void acceptsOrExplains(Parse parse) throws Exception {
        try {
            parse.run();
        } catch (UserError expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a UserError without a message", expected);
            }
        }
    }

    /** Writes the input to one scratch file (in memory where /dev/shm exists) for parsers that read files. */
    public static synchronized Path file(byte[] data, String suffix) {
        try {
            if (scratch == null) {
                Path dir = Files.isDirectory(Path.of("/dev/shm"))
                        ? Path.of("/dev/shm")
                        : Path.of(System.getProperty("java.io.tmpdir"));
                scratch = Files.createTempDirectory(dir, "crossroot-fuzz-");
                scratch.toFile().deleteOnExit();
            }
            Path file = scratch.resolve("input" + suffix);
            Files.write(file, data);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
