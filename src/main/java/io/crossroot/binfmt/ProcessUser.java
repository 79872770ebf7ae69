package io.crossroot.binfmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this process runs as: binfmt_misc changes need root. */
final class ProcessUser {
    private ProcessUser() {}

    /** True when the effective user id is 0, read from /proc/self/status (the JDK has no API for it). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).strip().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException e) {
            // no /proc: fall through to the user name, which is right in the usual case
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
