package io.crossroot.rootfs;

import io.crossroot.sandbox.Sandbox;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Runs rpm scriptlets inside a root as rpm does: the body written to a file under /var/tmp and started with the
 * header's interpreter and the instance counts as arguments, a program of {@code -p} alone, a trigger's file list on
 * its standard input. Shell scriptlets run under emulation in the sandbox. Lua ones run in rpm's own interpreter,
 * the host build of rpm (rpmlua, with its {@code rpm} and {@code posix} extensions) copied into the root and run
 * chrooted there, as the host's dnf runs them in an installroot; it is removed with {@link #close}.
 */
final class RpmScriptlets implements AutoCloseable {
    static final String LUA = "<lua>";
    private static final String SCRIPT_DIR = "var/tmp";
    /** Where the host's rpm tree is copied while Lua scriptlets run. */
    private static final String HOST_RPM = ".crossroot-rpm";
    /** rpm's rpmrc and macros, which rpmlua reads (RPM_CONFIGDIR). */
    private static final String RPM_CONFIG = "usr/lib/rpm";

    private final Sandbox sandbox;
    private final Path root;
    private final ConfinedRoot tree;
    private final Supplier<Toolbox> hostRpm;
    private final RootfsProgress progress;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Path> written = new ArrayList<>();
    private boolean hostRpmCopied;
    private int count;

    /** The outcome of one scriptlet: its exit status and the last lines it printed. */
    record Outcome(int exitCode, List<String> tail) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    RpmScriptlets(Sandbox sandbox, Path root, Supplier<Toolbox> hostRpm, RootfsProgress progress, OptionalLong epoch) {
        this.sandbox = sandbox;
        this.root = root;
        this.tree = new ConfinedRoot(root);
        this.hostRpm = hostRpm;
        this.progress = progress;
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"); // rpm's %_install_script_path
        env.put("LC_ALL", "C");
        epoch.ifPresent(t -> env.put("SOURCE_DATE_EPOCH", Long.toString(t)));
    }

    /**
     * Runs {@code body} with {@code interpreter} and {@code args}; {@code input}, when not empty, is what the
     * scriptlet reads (a file trigger's paths, one per line; Lua ones get them from rpm.next_file()).
     */
    Outcome run(String what, List<String> interpreter, String body, List<String> args, List<String> input) {
        try {
            if (interpreter.get(0).equals(LUA)) {
                return lua(what, body, args, input);
            }
            List<String> argv = new ArrayList<>(interpreter);
            if (!body.isEmpty()) {
                // rpm passes the counts only to a script body, not to a bare -p program
                argv.add(writeScript(body));
                argv.addAll(args);
            }
            if (!isShell(interpreter.get(0))) {
                return exec(what, argv);
            }
            // as rpm: umask 022 whoever builds, and the input (or nothing) on stdin
            String stdin = input.isEmpty() ? "/dev/null" : writeScript(String.join("\n", input) + "\n");
            List<String> wrapped = new ArrayList<>(
                    List.of(interpreter.get(0), "-c", "umask 022; exec \"$@\" < " + stdin, "rpm-scriptlet"));
            wrapped.addAll(argv);
            return exec(what, wrapped);
        } catch (IOException e) {
            throw new UserError(
                    "Could not write " + what + " into " + root + ": " + e.getMessage() + ". Check the free space.", e);
        }
    }

    private Outcome lua(String what, String body, List<String> args, List<String> input) throws IOException {
        Toolbox rpm = hostRpm.get();
        if (!hostRpmCopied) {
            copyHostRpm(rpm);
            hostRpmCopied = true;
        }
        String seenAt = "/" + HOST_RPM;
        StringBuilder script = new StringBuilder();
        if (!input.isEmpty()) {
            // rpm hands a Lua file trigger its paths through rpm.next_file()
            String quote = longBracket(input);
            script.append("do local files, i = {");
            input.forEach(f -> script.append(quote.replace("X", f)).append(','));
            script.append("}, 0; rpm.next_file = function() i = i + 1; return files[i] end end\n");
        }
        script.append(body);
        List<String> argv = new ArrayList<>(rpm.launcher(seenAt));
        argv.addAll(List.of("--argv0", "rpmlua", seenAt + "/usr/bin/rpmlua", writeScript(script.toString())));
        argv.addAll(args);
        Map<String, String> luaEnv = new LinkedHashMap<>(env);
        luaEnv.put("RPM_CONFIGDIR", seenAt + "/" + RPM_CONFIG);
        return exec(what, argv, luaEnv);
    }

    /** rpmlua with its libraries and rpm's configuration, not the whole host tree: only they are needed. */
    private void copyHostRpm(Toolbox rpm) throws IOException {
        Path copy = tree.locate(HOST_RPM);
        Trees.delete(copy); // not a package's: a symlink planted there must not take the copy elsewhere
        ConfinedRoot.createDirectory(copy);
        for (String file : rpm.runtimeFiles("rpmlua")) {
            Path target = copy.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(rpm.file(file), target, StandardCopyOption.COPY_ATTRIBUTES); // a library link, as its file
        }
        Trees.copy(rpm.file(RPM_CONFIG), copy.resolve(RPM_CONFIG));
    }

    /** A Lua long string {@code [==[X]==]} whose level none of {@code values} contains. */
    private static String longBracket(List<String> values) {
        String level = "";
        while (true) {
            String close = "]" + level + "]";
            if (values.stream().noneMatch(v -> v.contains(close))) {
                return "[" + level + "[X" + close;
            }
            level += "=";
        }
    }

    static boolean isShell(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.equals("sh") || name.equals("bash") || name.equals("dash");
    }

    /** Writes {@code text} as a new file under /var/tmp in the root; its path there. */
    private String writeScript(String text) throws IOException {
        String name = SCRIPT_DIR + "/rpm-tmp.crossroot-" + ++count;
        tree.invalidate(); // the packages unpacked since may have replaced a directory on the way
        written.add(tree.write(name, text.getBytes(StandardCharsets.UTF_8), 0700));
        return "/" + name;
    }

    private Outcome exec(String what, List<String> argv) {
        return exec(what, argv, env);
    }

    private Outcome exec(String what, List<String> argv, Map<String, String> environment) {
        try {
            Sandbox.ExecResult r = sandbox.exec(root, argv, environment, progress::output);
            if (!r.ok() && ExitCleanup.shuttingDown()) {
                throw new UserError("Interrupted while running " + what + "; the partial root is deleted.");
            }
            return new Outcome(r.exitCode(), r.tail());
        } catch (IOException e) {
            throw new UserError("Could not start " + what + " in " + root + ": " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while running " + what + "; the partial root is deleted.");
        }
    }

    /** Removes the script files and the copy of the host's rpm. */
    @Override
    public void close() throws IOException {
        for (Path p : written) {
            Files.deleteIfExists(p);
        }
        written.clear();
        if (hostRpmCopied) {
            Trees.delete(tree.locate(HOST_RPM));
            hostRpmCopied = false;
        }
    }
}
