package io.crossroot.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ElfFile agrees with binutils' readelf, run now, on the fixtures and on this host's own programs and libraries. */
class ElfFileReadelfTest {
    private static final Pattern INTERP = Pattern.compile("\\[Requesting program interpreter: (.*)]");
    private static final Pattern NEEDED = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[(.*)]");
    private static final Pattern SONAME = Pattern.compile("\\(SONAME\\)\\s+Library soname: \\[(.*)]");
    private static final Pattern RUNPATH = Pattern.compile("\\(RUNPATH\\)\\s+Library runpath: \\[(.*)]");
    private static final Pattern MACHINE_FLAGS = Pattern.compile("Flags:\\s+0x([0-9a-f]+)");
    private static final Pattern ENTRY = Pattern.compile("Entry point address:\\s+0x([0-9a-f]+)");

    @BeforeAll
    static void needsReadelf() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/readelf")), "readelf (binutils) not installed");
    }

    @Test
    void fixturesAgreeWithReadelf() throws Exception {
        for (Path p : Fixtures.ALL) {
            compare(p);
        }
    }

    @Test
    void hostProgramsAndLibrariesAgreeWithReadelf() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("/usr/bin", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu")) {
            Path d = Path.of(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isRegularFile)
                            .filter(ElfFileReadelfTest::startsWithElfMagic)
                            .sorted()
                            .limit(40)
                            .forEach(files::add);
                }
            }
        }
        Assumptions.assumeFalse(files.isEmpty());
        for (Path p : files) {
            compare(p);
        }
    }

    private static void compare(Path p) throws Exception {
        String out = readelf(p);
        ElfFile f = ElfFile.read(p);
        assertThat(f.interpreter().orElse(null)).as("interpreter of " + p).isEqualTo(first(INTERP, out));
        assertThat(f.needed()).as("NEEDED of " + p).isEqualTo(all(NEEDED, out));
        assertThat(f.soname().orElse(null)).as("SONAME of " + p).isEqualTo(first(SONAME, out));
        assertThat(f.runpath().orElse(null)).as("RUNPATH of " + p).isEqualTo(first(RUNPATH, out));
        assertThat(Long.toHexString(f.entry())).as("entry of " + p).isEqualTo(first(ENTRY, out));
        assertThat(Integer.toHexString(f.flags())).as("flags of " + p).isEqualTo(first(MACHINE_FLAGS, out));
    }

    private static boolean startsWithElfMagic(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static String readelf(Path p) throws Exception {
        Process proc = new ProcessBuilder("readelf", "-W", "-h", "-l", "-d", p.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
