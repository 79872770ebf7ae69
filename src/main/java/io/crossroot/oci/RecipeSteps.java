package io.crossroot.oci;

import io.crossroot.arch.Arch;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
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
    public void apply(ImageRecipe recipe, Path recipeDir, Arch arch, Path root) throws IOException, InterruptedException {
        copyFiles(recipe, recipeDir, root);
        runCommands(recipe, arch, root);
    }

    private static void copyFiles(ImageRecipe recipe, Path recipeDir, Path root) throws IOException, InterruptedException {
        for (Map.Entry<String, String> f : recipe.files().entrySet()) {
            Path src = recipeDir.resolve(f.getKey());
            if (!Files.exists(src)) {
                throw new UserError("The recipe's files: entry '" + f.getKey() + "' does not exist (looked for " + src
                        + "). Paths are relative to the recipe's directory.");
            }
            String dest = f.getValue().startsWith("/") ? f.getValue() : "/" + f.getValue();
            String parent = dest.endsWith("/") ? dest : dest.substring(0, dest.lastIndexOf('/') + 1);
            // Resolve the destination's directory as the image sees it: /bin is a symlink to usr/bin, etc.
            Path dir = ConfinedRoot.resolve(root, parent).orElse(null);
            if (dir == null) {
                Files.createDirectories(root.resolve(parent.substring(1)));
                dir = root.resolve(parent.substring(1));
            }
            Path target = dest.endsWith("/") ? dir.resolve(src.getFileName().toString())
                    : dir.resolve(dest.substring(dest.lastIndexOf('/') + 1));
            Process cp = new ProcessBuilder("cp", "-a", "--no-preserve=ownership", "-T", src.toString(), target.toString())
                    .redirectErrorStream(true).start();
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
                        + " with exit code " + r.exitCode() + ". Its last output:\n  " + String.join("\n  ", r.tail()));
            }
        }
    }
}
