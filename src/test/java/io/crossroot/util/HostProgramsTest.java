package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.toolbox.TestToolbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the catalogue of host programs against the host's real mirror (amd64): each program's package must be one
 * that every minbase Debian has (Essential: yes or Priority: required), and that package must really ship the
 * program in one of the directories {@link HostProgram} looks in. Bookworm is what crossroot's hosts run; trixie
 * is the next. A program outside minbase (getfattr, curl) fails here, as the second half shows.
 */
@Tag("mirror")
class HostProgramsTest {
    @ParameterizedTest
    @ValueSource(strings = {"bookworm", "trixie"})
    void everyHostProgramComesWithMinbase(String suite) {
        Minbase minbase = new Minbase(TestToolbox.repository(suite));
        Map<String, String> problems = new LinkedHashMap<>();
        for (HostProgram p : HostProgram.values()) {
            String problem = minbase.problem(p.program(), p.debianPackage());
            if (problem != null) {
                problems.put(p.name(), problem);
            }
        }
        HostProgram.LIBRARY_PROGRAMS.forEach((program, pkg) -> {
            String problem = minbase.problem(program, pkg);
            if (problem != null) {
                problems.put(program + " (started by a bundled library)", problem);
            }
        });
        System.out.println("crossroot's host programs (" + suite + "): "
                + java.util.Arrays.stream(HostProgram.values())
                        .map(p -> p.program() + " (" + p.debianPackage() + ")")
                        .toList());
        assertThat(problems).as("host programs outside %s's minbase", suite).isEmpty();

        // the same check turns down what a fresh machine lacks, and a program claimed from the wrong package
        assertThat(minbase.problem("getfattr", "attr")).contains("attr is neither Essential nor Priority: required");
        assertThat(minbase.problem("curl", "curl")).contains("curl is neither Essential nor Priority: required");
        assertThat(minbase.problem("find", "coreutils")).contains("coreutils ships no find in");
    }

    /** A suite's minbase: its amd64 packages that are Essential or of Priority required, and their files. */
    private static final class Minbase {
        private final DebianRepository repo;
        private final Map<String, Paragraph> packages = new HashMap<>();
        private final Map<String, Set<String>> filesByPackage = new HashMap<>();

        Minbase(DebianRepository repo) {
            this.repo = repo;
            for (Paragraph p : repo.packages("main", "amd64")) {
                if ("yes".equals(p.get("Essential")) || "required".equals(p.get("Priority"))) {
                    packages.put(p.get("Package"), p);
                }
            }
            assertThat(packages)
                    .as("minbase packages")
                    .containsKeys("coreutils", "dash", "util-linux")
                    .hasSizeBetween(20, 200);
        }

        /** Why {@code pkg} cannot be where a minbase host has {@code program} from, or null when it is. */
        String problem(String program, String pkg) {
            Paragraph p = packages.get(pkg);
            if (p == null) {
                return pkg + " is neither Essential nor Priority: required in "
                        + repo.config().suite();
            }
            Set<String> files = filesByPackage.computeIfAbsent(pkg, k -> files(p));
            List<String> wanted = new ArrayList<>();
            for (String dir : HostProgram.DIRECTORIES) {
                wanted.add(dir.substring(1) + "/" + program);
            }
            return wanted.stream().anyMatch(files::contains)
                    ? null
                    : pkg + " ships no " + program + " in " + String.join(", ", HostProgram.DIRECTORIES);
        }

        private Set<String> files(Paragraph p) {
            Set<String> out = new HashSet<>();
            DebFile.of(repo.fetch(HashedFile.ofPackage(p), io.crossroot.debian.DownloadListener.NONE))
                    .forEachDataEntry((entry, content) -> {
                        if (!entry.isDirectory()) {
                            out.add(entry.getName().replaceFirst("^\\./", ""));
                        }
                    });
            return out;
        }
    }
}
