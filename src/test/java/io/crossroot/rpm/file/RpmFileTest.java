package io.crossroot.rpm.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader against the host's rpm on the same real packages: header values, file lists and payload members. */
class RpmFileTest {
    private static Path rpm(String compressor) {
        return compressor.equals("noarch")
                ? RpmTestPackages.get().noarch()
                : RpmTestPackages.get().byCompressor().get(compressor);
    }

    private static String query(Path rpm, String format) throws Exception {
        return RpmTestPackages.runText("rpm", "-qp", "--qf", format, rpm.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "xz", "bzip2", "noarch"})
    void headerValuesAreRpms(String compressor) throws Exception {
        Path file = rpm(compressor);
        RpmHeader h = RpmFile.open(file).header();
        String mine = h.name() + "|" + h.epoch().getAsLong() + "|" + h.version() + "|" + h.release() + "|" + h.arch()
                + "|" + h.os() + "|" + h.payloadCompression().name().toLowerCase(Locale.ROOT) + "|"
                + h.payloadFormat();
        assertThat(mine)
                .isEqualTo(query(
                        file,
                        "%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{OS}|%{PAYLOADCOMPRESSOR}|"
                                + "%{PAYLOADFORMAT}"));
        assertThat(h.arch()).isEqualTo(compressor.equals("noarch") ? "noarch" : "riscv64");
        assertThat(h.payloadDigest().orElseThrow().hex()).isEqualTo(query(file, "%{PAYLOADDIGEST}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "noarch"})
    void dependenciesAreRpms(String compressor) throws Exception {
        Path file = rpm(compressor);
        RpmHeader h = RpmFile.open(file).header();
        for (DependencyTag tag : DependencyTag.values()) {
            String t = tag.name().substring(0, tag.name().length() - 1);
            StringBuilder mine = new StringBuilder();
            for (DependencyTriple d : h.dependencies(tag)) {
                mine.append(d.name())
                        .append('\t')
                        .append(d.flags())
                        .append('\t')
                        .append(d.version())
                        .append('\n');
            }
            assertThat(mine.toString())
                    .as(tag.name())
                    .isEqualTo(query(file, "[%{" + t + "NAME}\t%{" + t + "FLAGS}\t%{" + t + "VERSION}\n]"));
        }
        assertThat(h.dependencies(DependencyTag.REQUIRES))
                .anyMatch(d -> d.name().equals("bash") && d.version().equals("4.0"));
        assertThat(h.dependencies(DependencyTag.ENHANCES))
                .extracting(DependencyTriple::name)
                .containsExactly("qux");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "noarch"})
    void scriptletsAndTriggersAreRpms(String compressor) throws Exception {
        Path file = rpm(compressor);
        RpmHeader h = RpmFile.open(file).header();
        for (ScriptletPhase phase : ScriptletPhase.values()) {
            String body = query(file, "%{" + phase.name() + "}");
            String prog = query(file, "[%{" + phase.name() + "PROG} ]").strip();
            Scriptlet mine = h.scriptlets().stream()
                    .filter(s -> s.phase() == phase)
                    .findFirst()
                    .orElse(null);
            if (body.equals("(none)") && prog.isEmpty()) {
                assertThat(mine).as(phase.name()).isNull();
            } else {
                assertThat(mine).as(phase.name()).isNotNull();
                assertThat(mine.body()).isEqualTo(body.equals("(none)") ? "" : body);
                assertThat(String.join(" ", mine.interpreter())).isEqualTo(prog);
            }
        }
        assertThat(h.scriptlets())
                .extracting(Scriptlet::phase)
                .containsExactly(ScriptletPhase.PREIN, ScriptletPhase.POSTIN, ScriptletPhase.POSTUN);
        assertThat(h.scriptlets().get(0).isLua()).isTrue();

        List<String> mine = new ArrayList<>();
        for (Trigger t : h.triggers()) {
            for (Trigger.Condition c : t.conditions()) {
                mine.add(t.family() + " " + c.name() + " " + c.flags() + " "
                        + t.interpreter().get(0) + " " + t.body().strip());
            }
        }
        List<String> rpms = new ArrayList<>();
        for (String line : query(file, "[%{FILETRIGGERNAME} %{FILETRIGGERFLAGS} %{FILETRIGGERINDEX}\n]")
                .lines()
                .toList()) {
            String[] f = line.split(" ");
            int i = Integer.parseInt(f[2]);
            rpms.add("FILE " + f[0] + " " + f[1] + " "
                    + query(file, "[%{FILETRIGGERSCRIPTPROG}\n]")
                            .lines()
                            .toList()
                            .get(i) + " "
                    + query(file, "[%{FILETRIGGERSCRIPTS}\n]").lines().toList().get(i));
        }
        for (String line : query(file, "[%{TRANSFILETRIGGERNAME} %{TRANSFILETRIGGERFLAGS}\n]")
                .lines()
                .toList()) {
            rpms.add("TRANSACTION_FILE " + line + " " + query(file, "%{TRANSFILETRIGGERSCRIPTPROG}") + " "
                    + query(file, "%{TRANSFILETRIGGERSCRIPTS}").strip());
        }
        assertThat(mine).containsExactlyElementsOf(rpms);
        assertThat(mine).anyMatch(s -> s.startsWith("FILE /usr/lib64 ")).anyMatch(s -> s.contains("<lua>"));
    }

    /** "rpm -qp --dump": path size mtime digest mode owner group isconfig isdoc rdev symlink. */
    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "xz", "bzip2", "noarch"})
    void fileListIsRpms(String compressor) throws Exception {
        Path file = rpm(compressor);
        RpmHeader h = RpmFile.open(file).header();
        List<String> mine = new ArrayList<>();
        for (RpmFileEntry f : h.files()) {
            String digest = f.digest().isEmpty() ? "0".repeat(64) : f.digest();
            mine.add(String.join(
                    " ",
                    f.path(),
                    String.valueOf(f.size()),
                    String.valueOf(f.mtime()),
                    digest,
                    "0" + Integer.toOctalString(f.mode()),
                    f.user(),
                    f.group(),
                    f.isConfig() ? "1" : "0",
                    f.isDoc() ? "1" : "0",
                    String.valueOf(f.rdev()),
                    f.linkTarget().isEmpty() ? "X" : f.linkTarget()));
        }
        assertThat(mine)
                .containsExactlyElementsOf(RpmTestPackages.runText("rpm", "-qp", "--dump", file.toString())
                        .lines()
                        .toList());
        List<String> extra = h.files().stream()
                .map(f -> f.capabilities() + "|" + f.inode() + "|" + f.flags() + "|" + f.device())
                .toList();
        assertThat(extra)
                .containsExactlyElementsOf(query(file, "[%{FILECAPS}|%{FILEINODES}|%{FILEFLAGS}|%{FILEDEVICES}\n]")
                        .lines()
                        .toList());
        assertThat(h.fileDigestAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(h.files())
                .filteredOn(RpmFileEntry::isGhost)
                .extracting(RpmFileEntry::path)
                .containsExactly("/var/log/crt.log");
        assertThat(h.files())
                .filteredOn(RpmFileEntry::isNoReplace)
                .extracting(RpmFileEntry::path)
                .containsExactly("/etc/crt.conf");
        assertThat(h.files())
                .filteredOn(f -> f.path().equals("/usr/bin/crt"))
                .first()
                .satisfies(f -> assertThat(f.capabilities()).isEqualTo("cap_net_admin,cap_net_raw=ep"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "xz", "bzip2"})
    void payloadMembersAreCpios(String compressor) throws Exception {
        Path file = rpm(compressor);
        List<String> mine = new ArrayList<>();
        RpmFile.open(file).forEachPayloadEntry((f, member, data) -> {
            assertThat(member.name()).isEqualTo(f.path().substring(1));
            mine.add("./" + member.name() + " " + data.readAllBytes().length);
        });
        List<String> cpio = new ArrayList<>();
        for (String line : RpmTestPackages.runText("sh", "-c", "rpm2cpio '" + file + "' | cpio -tv --quiet")
                .lines()
                .toList()) {
            String[] f = line.trim().split("\\s+");
            String name = f[8];
            cpio.add(name + " " + (f[0].startsWith("l") ? f[4] : f[4]));
        }
        assertThat(mine).containsExactlyElementsOf(cpio);
    }
}
