package io.crossroot.rpm.file;

import java.util.List;

/**
 * One trigger script with the conditions that fire it: for a file trigger, path prefixes ("/usr/lib"); for a
 * package trigger, package names with versions. Each condition's flags say when (RPMSENSE_TRIGGERIN, ...UN,
 * ...POSTUN, ...PREIN).
 *
 * @param priority the file trigger's priority (rpm runs higher first); 0 for package triggers
 */
public record Trigger(
        TriggerFamily family,
        List<String> interpreter,
        String body,
        long scriptFlags,
        long priority,
        List<Condition> conditions) {
    public static final long TRIGGERIN = 1 << 16;
    public static final long TRIGGERUN = 1 << 17;
    public static final long TRIGGERPOSTUN = 1 << 18;
    public static final long TRIGGERPREIN = 1 << 25;

    public Trigger {
        interpreter = List.copyOf(interpreter);
        conditions = List.copyOf(conditions);
    }

    public record Condition(String name, long flags, String version) {}
}
