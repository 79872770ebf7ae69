package io.crossroot.docker;

import java.util.List;

/**
 * A container to create: the image, the command (empty: the image's own), its environment ("NAME=value"),
 * host directories to bind ("HOST:CONTAINER", each HOST existing), and whether it may mount file systems (CAP_SYS_ADMIN, with no
 * seccomp or AppArmor profile in the way; not --privileged, which some hosts cannot grant) and switch on process
 * accounting (CAP_SYS_PACCT).
 */
public record ContainerSpec(String image, List<String> cmd, List<String> env, List<String> binds, boolean mayMount) {
    public ContainerSpec {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        binds = List.copyOf(binds);
    }

    public ContainerSpec(String image, List<String> cmd, List<String> env) {
        this(image, cmd, env, List.of(), false);
    }
}
