package io.crossroot.toolbox;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.HostProcess;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An unpacked amd64 Debian tree whose programs run on the host through the tree's own dynamic loader and
 * libraries ({@code ld.so --library-path}), so the host needs none of them installed and every machine runs the
 * same pinned versions. No maintainer scripts run: the tools need none.
 */
public final class Toolbox {
    private static final List<String> BIN_DIRS = List.of("usr/bin", "usr/sbin", "bin", "sbin");
    private static final List<String> LIB_DIRS = List.of("usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu", "usr/lib");
    private static final String LOADER = "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
    private static final int OUTPUT_TAIL_LINES = 30;

    private final Path root;
    private final Map<String, String> versions;

    public Toolbox(Path root) {
        this(root, Map.of());
    }

    /** {@code versions}: package name to the version unpacked into the tree. */
    public Toolbox(Path root, Map<String, String> versions) {
        this.root = root;
        this.versions = Map.copyOf(versions);
    }

    /** Package name to version, for the packages this tree was unpacked from (empty when not known). */
    public Map<String, String> versions() {
        return versions;
    }

    public Path root() {
        return root;
    }

    /** A file of the tree, following symlinks as if the tree were "/" (absolute links stay inside it). */
    public Path file(String pathInTree) {
        return find(pathInTree)
                .orElseThrow(() -> new UserError("The toolbox at " + root + " has no " + pathInTree
                        + ". Delete that directory so crossroot unpacks the toolbox again."));
    }

    public Optional<Path> find(String pathInTree) {
        return ConfinedRoot.resolve(root, pathInTree).filter(Files::exists);
    }

    /** The command line that runs {@code tool} (a program name such as "mke2fs") with {@code args}. */
    public List<String> command(String tool, List<String> args) {
        Path program = BIN_DIRS.stream()
                .map(d -> find(d + "/" + tool))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> missing(tool));
        List<String> cmd = new ArrayList<>();
        cmd.add(file(LOADER).toString());
        cmd.add("--library-path");
        cmd.add(libraryPath(root.toString()));
        cmd.add("--argv0");
        cmd.add(tool);
        cmd.add(program.toString());
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The loader and its options that run this tree's programs where the tree is seen at {@code seenAt} (such as
     * a directory inside a chroot); the program, its argv0 option and arguments follow.
     */
    public List<String> launcher(String seenAt) {
        return List.of(seenAt + "/" + LOADER, "--library-path", libraryPath(seenAt));
    }

    private static String libraryPath(String seenAt) {
        return LIB_DIRS.stream().map(d -> seenAt + "/" + d).collect(Collectors.joining(":"));
    }

    /**
     * The files of this tree that running {@code tool} loads: the program, the loader and the libraries it needs,
     * transitively (DT_NEEDED, looked up in the tree's library directories), as paths in the tree. Copying these
     * runs the program elsewhere through {@link #launcher} without the whole tree.
     */
    public List<String> runtimeFiles(String tool) {
        String program = BIN_DIRS.stream()
                .map(d -> d + "/" + tool)
                .filter(p -> find(p).isPresent())
                .findFirst()
                .orElseThrow(() -> missing(tool));
        java.util.Set<String> out = new java.util.LinkedHashSet<>(List.of(program, LOADER));
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(List.of(program));
        while (!pending.isEmpty()) {
            for (String soname :
                    io.crossroot.elf.ElfFile.read(file(pending.pop())).needed()) {
                String lib = LIB_DIRS.stream()
                        .map(d -> d + "/" + soname)
                        .filter(p -> find(p).isPresent())
                        .findFirst()
                        .orElseThrow(() -> missing(tool + "'s library " + soname));
                if (out.add(lib)) {
                    pending.push(lib);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Environment that keeps the tools away from the host's configuration files. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        find("etc/mke2fs.conf")
                .or(() -> find("etc/mke2fs.conf.dpkg-new"))
                .ifPresent(p -> env.put("MKE2FS_CONFIG", p.toString()));
        env.put("MTOOLS_SKIP_CHECK", "1");
        env.put("MTOOLSRC", "/dev/null");
        env.put("LC_ALL", "C");
        return env;
    }

    private UserError missing(String tool) {
        String pkg = ToolboxPackages.PROGRAMS.get(tool);
        return new UserError("crossroot's toolbox at " + root + " has no program " + tool
                + (pkg == null ? "" : " (Debian package " + pkg + ")") + ": the tree is incomplete. Delete that "
                + "directory, so crossroot unpacks the toolbox again from its pinned packages.");
    }

    public ProcessBuilder processBuilder(String tool, List<String> args, Map<String, String> extraEnv) {
        ProcessBuilder pb = HostProcess.fetched(command(tool, args), () -> missing(tool));
        // The pinned programs run as they are: a library the caller preloads does not reach them (libfaketime,
        // for one, shifts the file times that mke2fs -d reads and so the image's bytes).
        pb.environment().remove("LD_PRELOAD");
        pb.environment().putAll(environment());
        pb.environment().putAll(extraEnv);
        return pb;
    }

    /** Runs a tool to completion; returns its output (stdout and stderr merged) or throws {@link ToolError}. */
    public String run(String tool, List<String> args, Map<String, String> extraEnv) {
        ProcessBuilder pb = processBuilder(tool, args, extraEnv).redirectErrorStream(true);
        try {
            Process p = HostProcess.start(pb);
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                List<String> shown = new ArrayList<>(List.of(tool));
                shown.addAll(args);
                throw new ToolError(shown, rc, tail(out));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while running " + tool + ".", e);
        }
    }

    public String run(String tool, String... args) {
        return run(tool, List.of(args), Map.of());
    }

    private static String tail(String out) {
        List<String> lines = out.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
    }
}
