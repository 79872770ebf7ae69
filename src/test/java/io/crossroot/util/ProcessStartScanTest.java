package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.testing.ConstantPool;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every compiled class of crossroot for the JDK calls that make a process (a ProcessBuilder's constructor or
 * its command setter, Runtime.exec): only {@link HostProcess} may have them, so every program crossroot starts on
 * the host is a catalogued {@link HostProgram} or one it fetched itself. Class files, not sources: a method
 * reference or a fully qualified name cannot hide a call from the constant pool.
 */
class ProcessStartScanTest {
    private static final String ALLOWED = "io/crossroot/util/HostProcess";

    /**
     * The classes of the libraries in crossroot's jar that make processes, each starting only programs of
     * {@link HostProgram#LIBRARY_PROGRAMS} (read from their byte code: the command words they hold).
     */
    private static final Set<String> LIBRARY_MAKERS = Set.of(
            "picocli/CommandLine$Model$UsageMessageSpec$1", // stty -a -F /dev/tty, with usage auto-width only
            "org/jline/terminal/impl/exec/ExecTerminalProvider", // test -t FD
            "org/jline/utils/ExecHelper", // the tty, stty and infocmp OSUtils names
            "org/jline/utils/InfoCmp", // infocmp, for a terminal JLine has no capabilities of
            "org/jline/nativ/OSInfo"); // uname -m on ARM, cat /etc/os-release

    /** Jars on the test class path that crossroot's jar does not ship (test and test-runner libraries). */
    private static final List<String> TEST_ONLY = List.of(
            "/org/junit/",
            "/org/assertj/",
            "/net/bytebuddy/",
            "/org/opentest4j/",
            "/org/apiguardian/",
            "/org/apache/maven/",
            "/com/code-intelligence/",
            "/org/spdx/", // SPDX's validator (tools-java) and what it brings: xmlbeans has a code generator that execs
            "/org/apache/xmlbeans/");

    @Test
    void onlyHostProcessMakesProcesses() throws Exception {
        Path classes = classesDirectory(HostProcess.class);
        List<String> makers = processMakers(classes);
        assertThat(makers)
                .as("classes that make a process")
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m)
                        .as("makes a process outside HostProcess")
                        .satisfiesAnyOf(
                                own -> assertThat(own).startsWith(ALLOWED + " "),
                                library -> assertThat(LIBRARY_MAKERS)
                                        .contains(library.substring(0, library.indexOf(' ')))));
        assertThat(makers).anyMatch(m -> m.startsWith(ALLOWED + " java/lang/ProcessBuilder.<init>"));
    }

    @Test
    void theBundledLibrariesMakeProcessesOnlyWhereKnown() throws Exception {
        List<String> makers = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && TEST_ONLY.stream().noneMatch(entry::contains)) {
                try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(Path.of(entry))) {
                    makers.addAll(processMakers(jar.getPath("/")));
                }
            }
        }
        assertThat(makers)
                .as("library classes that make a process")
                .isNotEmpty()
                .allSatisfy(m -> assertThat(LIBRARY_MAKERS).contains(m.substring(0, m.indexOf(' '))));
    }

    @Test
    void theScanFindsAProcessMadeElsewhere() throws Exception {
        Path classes = classesDirectory(Offender.class);
        assertThat(processMakers(classes))
                .anyMatch(m -> m.startsWith(
                        "io/crossroot/util/ProcessStartScanTest$Offender java/lang/ProcessBuilder.<init>"));
        assertThat(processMakers(classes))
                .anyMatch(m -> m.startsWith("io/crossroot/util/ProcessStartScanTest$Offender java/lang/Runtime.exec"));
    }

    /** What {@link #theScanFindsAProcessMadeElsewhere} must catch: a program started around the catalogue. */
    @SuppressWarnings("unused")
    private static final class Offender {
        static Process curl() throws IOException {
            return new ProcessBuilder("curl", "--version").start();
        }

        static Process getfattr() throws IOException {
            return Runtime.getRuntime().exec(new String[] {"getfattr", "--version"});
        }
    }

    private static Path classesDirectory(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** "class owner.method descriptor" for every process-making method a class file under {@code dir} refers to. */
    static List<String> processMakers(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p ->
                            p.toString().endsWith(".class") && !p.toString().contains("META-INF/"))
                    .sorted()
                    .toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    ConstantPool pool = ConstantPool.read(new DataInputStream(in));
                    for (String ref : pool.methodReferences()) {
                        if (makesProcess(ref)) {
                            out.add(pool.thisClass() + " " + ref);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean makesProcess(String ref) {
        return ref.startsWith("java/lang/ProcessBuilder.<init>")
                || ref.startsWith("java/lang/ProcessBuilder.command(")
                        && !ref.startsWith("java/lang/ProcessBuilder.command()")
                || ref.startsWith("java/lang/ProcessBuilder.start")
                || ref.startsWith("java/lang/Runtime.exec");
    }
}
