package io.crossroot.cli;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.lock.LockRequest;
import io.crossroot.lock.LockResolver;
import io.crossroot.lock.LockedPackages;
import io.crossroot.lock.LockedSet;
import io.crossroot.lock.Lockfile;
import io.crossroot.qemu.QemuInterpreters;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.util.Dirs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** --locked FILE and --update-lock: build from a lockfile's exact packages instead of resolving. */
final class LockOptions {
    @Option(
            names = "--locked",
            paramLabel = "FILE",
            description = "Install exactly the packages of this lockfile ('crossroot lock' writes it): each .deb is "
                    + "fetched by its pool path from the lock's mirror and checked against the locked size and "
                    + "SHA256 before anything is built; no package index is read.")
    Path file;

    @Option(
            names = "--update-lock",
            description = "With --locked: resolve against the mirror again, rewrite FILE, then build from it.")
    boolean update;

    /**
     * Without --locked, empty. Otherwise the lock's packages of {@code roles}, all fetched and checked; the lock must
     * have been made for {@code request} (null: whatever it was made for). With --update-lock the file is first
     * written anew from {@code targets} (the request's suite) and {@code tools} (the toolbox's).
     */
    Optional<LockedPackages> prepare(
            CommandSpec spec,
            LockRequest request,
            DebianRepository targets,
            DebianRepository tools,
            Set<LockedSet.Role> roles,
            DownloadListener downloads) {
        if (file == null) {
            if (update) {
                throw new ParameterException(
                        spec.commandLine(), "--update-lock needs --locked FILE (the file to write)");
            }
            return Optional.empty();
        }
        Lockfile lock;
        if (update) {
            LockRequest wanted = request != null ? request : Lockfile.read(file).request();
            DebianRepository suite = wanted.suite().equals(targets.config().suite())
                    ? targets
                    : DebianRepository.open(
                            targets.config().toBuilder().suite(wanted.suite()).build());
            lock = resolve(suite, tools, wanted, downloads);
            lock.write(file);
        } else {
            lock = Lockfile.read(file);
            if (request != null) {
                lock.request().requireSame(request, file);
            }
        }
        return Optional.of(LockedPackages.fetch(lock, file, targets, roles, downloads));
    }

    /** The lockfile for {@code request}: the root filesystem sets and qemu from {@code targets}, the toolbox from {@code tools}. */
    static Lockfile resolve(
            DebianRepository targets, DebianRepository tools, LockRequest request, DownloadListener downloads) {
        return new LockResolver(targets, tools)
                .resolve(
                        request,
                        ToolboxInstaller::resolveDefault,
                        repo -> BinaryPackage.from(new QemuInterpreters(repo, Dirs.cache(), downloads).choose()));
    }
}
