package io.crossroot.util;

import java.nio.file.Files;
import java.nio.file.Path;

/** A stand-in for a running build in another process: claims a partial beside OUT, then waits for its stdin. */
public final class PartialHolder {
    private PartialHolder() {}

    public static void main(String[] args) throws Exception {
        try (PartialPath partial = PartialPath.claim(Path.of(args[0]))) {
            Files.writeString(partial.path(), "half-written\n");
            System.out.println(partial.path());
            System.out.flush();
            System.in.read(); // until the test closes our stdin, or kills us
            Files.delete(partial.path()); // as a build that failed cleans up
        }
    }
}
