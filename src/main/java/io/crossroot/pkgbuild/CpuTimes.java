package io.crossroot.pkgbuild;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wall, user and system time of a build command. User and system come from the kernel's rusage of the build
 * process's children, as the shell's {@code times} builtin prints them after the command ends (under qemu-user
 * that includes the translation, which is the real cost).
 */
public record CpuTimes(Duration wall, Duration user, Duration sys) {
    /** The line the build script prints before {@code times}. */
    static final String MARKER = "crossroot-cpu-times:";

    private static final Pattern TIME = Pattern.compile("(\\d+)m([\\d.]+)s");

    /** The children's user and system times from the two lines after {@link #MARKER} ({@code times} output). */
    static Optional<CpuTimes> parse(List<String> lines, Duration wall) {
        int i = lines.lastIndexOf(MARKER);
        if (i < 0 || i + 2 >= lines.size()) {
            return Optional.empty();
        }
        Matcher m = TIME.matcher(lines.get(i + 2));
        if (!m.find()) {
            return Optional.empty();
        }
        Duration user = duration(m);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new CpuTimes(wall, user, duration(m)));
    }

    private static Duration duration(Matcher m) {
        return Duration.ofMinutes(Long.parseLong(m.group(1)))
                .plusNanos(Math.round(Double.parseDouble(m.group(2)) * 1e9));
    }
}
