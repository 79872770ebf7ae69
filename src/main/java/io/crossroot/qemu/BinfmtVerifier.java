package io.crossroot.qemu;

import io.crossroot.arch.Arch;
import io.crossroot.binfmt.BinfmtMatch;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.elf.ElfFile;
import io.crossroot.util.HostProcess;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Proves binfmt entries work by executing a real static program of each architecture directly, as any
 * program would be started, so the kernel has to pick the entry: "busybox uname -m" must print the
 * architecture's uname.
 */
public final class BinfmtVerifier {
    private static final long TIMEOUT_SECONDS = 60;

    /** The outcome for one architecture. */
    public record Probe(
            String arch,
            String expected,
            String actual,
            boolean ok,
            String entry,
            String interpreter,
            String probe,
            String detail) {}

    private final BinfmtMisc kernel;
    private final ProbeBinaries probes;

    public BinfmtVerifier(BinfmtMisc kernel, ProbeBinaries probes) {
        this.kernel = kernel;
        this.probes = probes;
    }

    /** The architectures that currently have an enabled entry matching their binaries. */
    public List<Arch> registered(List<Arch> candidates) {
        var entries = kernel.list();
        List<Arch> out = new ArrayList<>();
        List<String> seenEntries = new ArrayList<>();
        for (Arch a : candidates) {
            byte[] header = a.binfmtPattern().magic();
            Optional<BinfmtMatch> m = BinfmtMatch.among(entries, header);
            // one probe per entry: armhf stands for qemu-arm, which serves armel too
            if (m.isPresent() && !seenEntries.contains(m.get().entry().name())) {
                seenEntries.add(m.get().entry().name());
                out.add(a);
            }
        }
        return out;
    }

    public List<Probe> verify(List<Arch> archs) throws InterruptedException {
        List<Probe> out = new ArrayList<>();
        for (Arch a : archs) {
            out.add(verify(a));
        }
        return out;
    }

    public Probe verify(Arch arch) throws InterruptedException {
        Path busybox = probes.busybox(arch);
        byte[] header = ElfFile.read(busybox).headerBytes();
        Optional<BinfmtMatch> match = kernel.match(header);
        String entry = match.map(m -> m.entry().name()).orElse(null);
        String interpreter = match.map(BinfmtMatch::interpreter).orElse(null);
        if (match.isEmpty()) {
            return new Probe(
                    arch.debian(),
                    arch.uname(),
                    null,
                    false,
                    null,
                    null,
                    busybox.toString(),
                    "no enabled binfmt_misc entry matches " + arch.debian()
                            + " programs; run 'crossroot binfmt install --arch " + arch.debian() + "'");
        }
        try {
            Process p = HostProcess.start(HostProcess.fetched(
                            List.of(busybox.toString(), "uname", "-m"),
                            () -> new UserError("The "
                                    + "probe " + busybox
                                    + " that crossroot fetched from the mirror is gone or not executable. Delete "
                                    + "it, so crossroot fetches it again."))
                    .redirectErrorStream(true));
            String output;
            try (var in = p.getInputStream()) {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Probe(
                            arch.debian(),
                            arch.uname(),
                            null,
                            false,
                            entry,
                            interpreter,
                            busybox.toString(),
                            "the probe did not finish within " + TIMEOUT_SECONDS + " s");
                }
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            boolean ok = p.exitValue() == 0 && output.equals(arch.uname());
            String detail = ok
                    ? "ok"
                    : p.exitValue() != 0
                            ? "the probe failed with exit status " + p.exitValue() + ": " + output
                            : "the probe reported " + output + ", expected " + arch.uname();
            return new Probe(arch.debian(), arch.uname(), output, ok, entry, interpreter, busybox.toString(), detail);
        } catch (IOException e) {
            // exec itself failed: typically ENOENT because the interpreter is missing, or ENOEXEC
            return new Probe(
                    arch.debian(),
                    arch.uname(),
                    null,
                    false,
                    entry,
                    interpreter,
                    busybox.toString(),
                    "the kernel could not start the probe through " + entry + " (" + interpreter + "): "
                            + e.getMessage());
        }
    }
}
