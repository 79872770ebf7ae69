package io.crossroot.image;

import io.crossroot.arch.Arch;
import io.crossroot.oci.ImageConfig;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.HostProcess;
import io.crossroot.util.HostProgram;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A recipe's own steps on one built tree: its 'files:' copied in, then its 'run:' commands inside, emulated. */
public final class RecipeSteps {
    private final Sandbox sandbox;
    private final RootfsProgress progress;

    public RecipeSteps(Sandbox sandbox, RootfsProgress progress) {
        this.sandbox = sandbox;
        this.progress = progress;
    }

    /** @param recipeDir where relative 'files:' sources are looked up */
    public void apply(ImageRecipe recipe, Path recipeDir, Arch arch, Path root)
            throws IOException, InterruptedException {
        copyFiles(recipe, recipeDir, root);
        runCommands(recipe, arch, root);
    }

    /**
     * Copies each 'files:' source (inside the recipe's directory) to its destination inside the image; both are
     * resolved as in a chroot of their directory, so neither '..' nor a symlink reaches the host.
     */
    private static void copyFiles(ImageRecipe recipe, Path recipeDir, Path root)
            throws IOException, InterruptedException {
        ConfinedRoot image = new ConfinedRoot(root);
        for (Map.Entry<String, String> f : recipe.files().entrySet()) {
            Path src = ConfinedRoot.resolve(recipeDir, f.getKey())
                    .orElseThrow(() -> new UserError("The recipe's "
                            + "files: entry '" + f.getKey() + "' does not exist in " + recipeDir
                            + ". Sources are relative "
                            + "to the recipe's directory and stay inside it (symlinks and '..' too)."));
            String dest = f.getValue().startsWith("/") ? f.getValue() : "/" + f.getValue();
            String name = dest.endsWith("/") ? dest + src.getFileName() : dest;
            Path target = image.target(name);
            // --remove-destination: a file the image already has (maybe a symlink) is replaced, never written through
            Process cp = HostProcess.start(HostProcess.of(
                            HostProgram.CP,
                            "-a",
                            "--no-preserve=ownership",
                            "--remove-destination",
                            "-T",
                            src.toString(),
                            target.toString())
                    .redirectErrorStream(true));
            String out = new String(cp.getInputStream().readAllBytes());
            if (cp.waitFor() != 0) {
                throw new UserError("Copying " + src + " to " + dest + " in the image failed: " + out.strip());
            }
        }
    }

    private void runCommands(ImageRecipe recipe, Arch arch, Path root) throws IOException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", ImageConfig.DEFAULT_PATH.substring("PATH=".length()));
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.putAll(recipe.env());
        for (String command : recipe.run()) {
            progress.phase("run", arch.debian() + ": " + command);
            Sandbox.ExecResult r = sandbox.exec(root, List.of("/bin/sh", "-c", command), env, progress::output);
            if (!r.ok()) {
                throw new UserError("The recipe's run: command '" + command + "' failed for " + arch.debian()
                        + " with exit code " + r.exitCode() + ". Its last output:\n  "
                        + String.join(
                                "\n  ",
                                r.tail()
                                        .subList(
                                                Math.max(0, r.tail().size() - 20),
                                                r.tail().size())));
            }
        }
    }
}
