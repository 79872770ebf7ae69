package io.crossroot.binfmt;

import io.crossroot.util.HostProcess;
import io.crossroot.util.HostProgram;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's binfmt_misc interface: a directory with a write-only "register" file, a global "status" file and
 * one file per entry. Rooted at a configurable directory so tests can parse a fake tree; the real one is
 * {@link #DEFAULT_DIR}.
 */
public final class BinfmtMisc implements BinfmtKernel {
    public static final Path DEFAULT_DIR = Path.of("/proc/sys/fs/binfmt_misc");
    private static final String REGISTER = "register";
    private static final String STATUS = "status";

    private final Path dir;

    public BinfmtMisc(Path dir) {
        this.dir = dir;
    }

    public static BinfmtMisc system() {
        return new BinfmtMisc(DEFAULT_DIR);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public boolean isMounted() {
        return Files.exists(dir.resolve(REGISTER));
    }

    /** Mounts binfmt_misc on {@link #dir()} unless it already is (as systemd normally does at boot). */
    @Override
    public void ensureMounted() {
        if (isMounted()) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + " does not exist: this kernel has no binfmt_misc support loaded. Load it with "
                    + "'modprobe binfmt_misc' as root (on the host, when crossroot runs in a container) and retry.");
        }
        if (!ProcessUser.isRoot()) {
            throw new UserError("binfmt_misc is not mounted at " + dir + ", and mounting it needs root. Run 'sudo "
                    + "mount -t binfmt_misc binfmt_misc " + dir + "' or rerun crossroot as root.");
        }
        String output = runMount();
        if (!isMounted()) {
            throw new UserError(
                    "Could not mount binfmt_misc at " + dir + (output.isBlank() ? "" : ": " + output.strip())
                            + ". Inside a container this needs the host's help: mount it on the host, or start the container "
                            + "with --privileged.");
        }
    }

    private String runMount() {
        try {
            Process p = HostProcess.start(
                    HostProcess.of(HostProgram.MOUNT, "-t", "binfmt_misc", "binfmt_misc", dir.toString())
                            .redirectErrorStream(true));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "mount did not finish within 60 seconds";
            }
            return out;
        } catch (IOException e) {
            return "cannot run mount: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The global switch (/proc/sys/fs/binfmt_misc/status): when off the kernel ignores every entry. */
    public boolean globallyEnabled() {
        try {
            return Files.readString(dir.resolve(STATUS)).strip().equals("enabled");
        } catch (NoSuchFileException e) {
            throw notMounted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry, in the directory's order (see {@link BinfmtMatch} for what that order means). */
    @Override
    public List<BinfmtEntry> list() {
        if (!isMounted()) {
            throw notMounted();
        }
        List<BinfmtEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.equals(REGISTER) && !name.equals(STATUS) && Files.isRegularFile(p)) {
                    readEntry(p).ifPresent(entries::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(entries);
    }

    @Override
    public Optional<BinfmtEntry> find(String name) {
        BinfmtRegistration.requireValidName(name);
        return readEntry(dir.resolve(name));
    }

    private static Optional<BinfmtEntry> readEntry(Path p) {
        try {
            return Optional.of(BinfmtEntry.parse(p.getFileName().toString(), Files.readString(p)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed while we listed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a rule; fails when an entry of that name exists (remove it first, the kernel cannot update). */
    @Override
    public void register(BinfmtRegistration registration) {
        if (!isMounted()) {
            throw notMounted();
        }
        if (find(registration.name()).isPresent()) {
            throw new UserError("binfmt_misc already has an entry named '" + registration.name() + "'. Remove it "
                    + "first: crossroot does that when the entry is its own or when --force is given.");
        }
        write(
                dir.resolve(REGISTER),
                registration.registerLine(),
                "register binfmt_misc entry '" + registration.name() + "' (" + registration.registerLine() + ")");
    }

    /** Removes an entry (writes -1 to its file). Nothing happens when it does not exist. */
    @Override
    public void remove(String name) {
        if (find(name).isPresent()) {
            write(dir.resolve(name), "-1", "remove binfmt_misc entry '" + name + "'");
        }
    }

    @Override
    public void setEnabled(String name, boolean enabled) {
        if (find(name).isEmpty()) {
            throw new UserError("There is no binfmt_misc entry named '" + name + "' in " + dir + ".");
        }
        write(
                dir.resolve(name),
                enabled ? "1" : "0",
                (enabled ? "enable" : "disable") + " binfmt_misc entry '" + name + "'");
    }

    /** Which enabled entry the kernel would run a file with, given its first bytes; empty when none or all off. */
    public Optional<BinfmtMatch> match(byte[] header) {
        return globallyEnabled() ? BinfmtMatch.among(list(), header) : Optional.empty();
    }

    /** Problems with every entry's interpreter, looked up under {@code hostRoot} ("/" for this host). */
    public List<BinfmtIssue> check(Path hostRoot) {
        return list().stream()
                .flatMap(e -> InterpreterCheck.check(e, hostRoot).stream())
                .toList();
    }

    public List<BinfmtIssue> check(BinfmtEntry entry, Path hostRoot) {
        return InterpreterCheck.check(entry, hostRoot);
    }

    /** The kernel parses each write() as one command, so the text goes out in a single write. */
    private static void write(Path file, String text, String action) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            int n = ch.write(ByteBuffer.wrap(bytes));
            if (n != bytes.length) {
                throw new UserError(
                        "Could not " + action + ": the kernel took " + n + " of " + bytes.length + " bytes.");
            }
        } catch (AccessDeniedException e) {
            throw new UserError(
                    "Could not " + action + ": permission denied. Changing binfmt_misc needs root "
                            + "(in a container: a privileged one, or do it on the host).",
                    e);
        } catch (IOException e) {
            throw new UserError(
                    "Could not " + action + ": the kernel said \"" + e.getMessage() + "\". " + explain(e.getMessage()),
                    e);
        }
    }

    private static String explain(String errno) {
        String m = errno == null ? "" : errno;
        if (m.contains("No such file")) {
            return "With the F flag the kernel opens the interpreter while registering: check that it exists.";
        }
        if (m.contains("File exists")) {
            return "An entry of that name exists; remove it first.";
        }
        if (m.contains("Invalid argument")) {
            return "The kernel rejected the rule's syntax or limits (name, offset + magic within 128 bytes, "
                    + "flags).";
        }
        if (m.contains("Operation not permitted") || m.contains("Permission denied")) {
            return "Changing binfmt_misc needs root, outside user namespaces that lack their own binfmt_misc.";
        }
        return "";
    }

    private UserError notMounted() {
        return new UserError("binfmt_misc is not mounted at " + dir + ". Mount it with 'mount -t binfmt_misc "
                + "binfmt_misc " + dir + "' as root; installing crossroot's entries does this itself.");
    }
}
