package io.crossroot.rootfs;

import io.crossroot.sandbox.Sandbox;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consistency bar for a built root, checked with the root's own tools under emulation: "dpkg --audit" prints
 * nothing, "apt-get check" passes, dpkg lists exactly the expected packages, all "ii"; and apt can install more.
 */
public final class RootfsVerifier {
    private final Sandbox sandbox;

    public RootfsVerifier(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Every inconsistency found; empty when the root passes. */
    public List<String> problems(Path root, Collection<String> expectedPackages) {
        List<String> problems = new ArrayList<>();
        Output audit = run(root, "dpkg", "--audit");
        if (audit.exit != 0 || !audit.lines.isEmpty()) {
            problems.add("dpkg --audit (exit " + audit.exit + "): " + String.join("\n", audit.lines));
        }
        Output check = run(root, "apt-get", "check");
        if (check.exit != 0) {
            problems.add("apt-get check (exit " + check.exit + "): " + String.join("\n", check.lines));
        }
        Output list = run(root, "dpkg-query", "-W", "-f", "${db:Status-Abbrev}${Package}\\n");
        Set<String> installed = new TreeSet<>();
        for (String line : list.lines) {
            if (!line.startsWith("ii ")) {
                problems.add("not fully installed: " + line);
            }
            installed.add(line.substring(Math.min(3, line.length())));
        }
        if (!installed.equals(new TreeSet<>(expectedPackages))) {
            Set<String> extra = new TreeSet<>(installed);
            extra.removeAll(expectedPackages);
            Set<String> missing = new TreeSet<>(expectedPackages);
            missing.removeAll(installed);
            problems.add("dpkg lists other packages than resolved: extra " + extra + ", missing " + missing);
        }
        return problems;
    }

    /** Problems installing {@code pkg} with apt from the root's configured mirror; empty on success. */
    public List<String> installProblems(Path root, String pkg) {
        Output r = run(root, "/bin/sh", "-c", "apt-get -q update && apt-get -q -y install " + pkg);
        return r.exit == 0
                ? List.of()
                : List.of("apt-get install " + pkg + " (exit " + r.exit + "): "
                        + String.join("\n", r.lines.subList(Math.max(0, r.lines.size() - 20), r.lines.size())));
    }

    private record Output(int exit, List<String> lines) {}

    private Output run(Path root, String... argv) {
        List<String> lines = new ArrayList<>();
        try {
            Sandbox.ExecResult r = sandbox.exec(root, List.of(argv), MaintainerScripts.ENV, lines::add);
            return new Output(r.exitCode(), lines);
        } catch (IOException e) {
            throw new UserError("Cannot run " + argv[0] + " in " + root + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while checking " + root + ".");
        }
    }
}
