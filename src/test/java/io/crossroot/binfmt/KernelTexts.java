package io.crossroot.binfmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry texts copied from a real kernel; see src/test/resources/fixtures/binfmt-entries/README.md. */
final class KernelTexts {
    static final Path DIR = Path.of("src/test/resources/fixtures/binfmt-entries");

    private KernelTexts() {}

    static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fake binfmt_misc directory holding the given real entry texts, a register file and a status file. */
    static Path fakeTree(Path root, String... entries) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("register"), "");
        Files.writeString(root.resolve("status"), read("status-enabled"));
        for (String e : entries) {
            Files.writeString(root.resolve(e), read(e));
        }
        return root;
    }
}
