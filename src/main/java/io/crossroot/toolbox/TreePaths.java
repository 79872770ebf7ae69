package io.crossroot.toolbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Resolves a path inside an unpacked tree as if the tree were the root directory (chroot-style symlinks). */
final class TreePaths {
    private static final int MAX_LINKS = 40;

    private TreePaths() {}

    static Optional<Path> resolve(Path root, String path) {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Path current = root;
        int links = 0;
        try {
            while (!todo.isEmpty()) {
                String part = todo.pop();
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    current = current.equals(root) ? root : current.getParent();
                    continue;
                }
                Path next = current.resolve(part);
                if (Files.isSymbolicLink(next)) {
                    if (++links > MAX_LINKS) {
                        return Optional.empty();
                    }
                    String target = Files.readSymbolicLink(next).toString();
                    if (target.startsWith("/")) {
                        current = root;
                    }
                    push(todo, target);
                } else {
                    current = next;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(current);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }
}
