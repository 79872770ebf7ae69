package io.crossroot.binfmt;

/**
 * Another package's entry that uninstall registered again, after {@code install --force} had replaced it.
 *
 * @param error why it could not be registered (it stays remembered for the next uninstall), or null
 */
public record RestoredEntry(String name, String interpreter, String error) {}
