package io.crossroot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One meaning per name: a reader tells two main classes apart without their packages, and a user-facing failure
 * ({@link UserError}) by its suffix.
 */
class ClassNamesTest {
    @Test
    void noTwoMainClassesShareASimpleName() throws IOException {
        Map<String, List<String>> byName = topLevelClasses().stream()
                .collect(Collectors.groupingBy(
                        c -> c.substring(c.lastIndexOf('.') + 1), TreeMap::new, Collectors.toList()));
        assertThat(byName).as("main classes by simple name").hasSizeGreaterThan(100);
        assertThat(byName.values())
                .as("simple names held by more than one class")
                .allSatisfy(classes -> assertThat(classes).hasSize(1));
    }

    @Test
    void everyUserFacingFailureEndsInError() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String name : topLevelClasses()) {
            Class<?> c = Class.forName(name, false, UserError.class.getClassLoader());
            if (UserError.class.isAssignableFrom(c) && c != UserError.class) {
                failures.add(c.getSimpleName());
            }
        }
        assertThat(failures)
                .as("subclasses of UserError")
                .contains("UsageError", "EngineError")
                .allSatisfy(n -> assertThat(n).endsWith("Error"));
    }

    /** Binary names of the main classes, nested ones left out. */
    private static List<String> topLevelClasses() throws IOException {
        Path root = PackageLayersTest.mainClasses();
        try (Stream<Path> files = Files.walk(root.resolve("io/crossroot"))) {
            return files.map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }
}
