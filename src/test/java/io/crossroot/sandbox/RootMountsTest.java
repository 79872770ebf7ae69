package io.crossroot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.util.HostProgram;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sandbox script runs on the host in the chroot sandbox, so every program it names must be in the catalogue of
 * host programs (whose packages HostProgramsTest checks against minbase) through {@link RootMounts#HOST_PROGRAMS}.
 */
class RootMountsTest {
    /** dash's builtins and keywords the script uses: no program is started for them. */
    private static final Set<String> SHELL_WORDS =
            Set.of("set", "unset", "for", "do", "done", "exec", "command", ":", "true", "shift");

    @Test
    void theScriptRunsOnlyTheProgramsItDeclares() {
        Set<String> started = new TreeSet<>();
        for (String command : RootMounts.SCRIPT.split("\n|;|\\|\\||&&|\\$\\(|\\bdo\\b")) {
            String[] words = command.strip().split("\\s+");
            if (words[0].isEmpty() || words[0].contains("=")) {
                continue; // an assignment, or nothing
            }
            if (words[0].equals("command") && words.length > 2 && words[1].equals("-v")) {
                started.add(words[2].replace(")", "")); // the script execs what it looked up
            } else if (!SHELL_WORDS.contains(words[0])) {
                started.add(words[0]);
            }
        }
        assertThat(started)
                .isEqualTo(new TreeSet<>(RootMounts.HOST_PROGRAMS.stream()
                        .map(HostProgram::program)
                        .toList()));
    }
}
