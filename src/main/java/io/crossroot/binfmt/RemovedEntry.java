package io.crossroot.binfmt;

/**
 * An entry uninstall removed.
 *
 * @param crossroots   true when crossroot had registered it
 * @param confDeleted  crossroot's binfmt.d file that was deleted with it, or null
 */
public record RemovedEntry(String name, String interpreter, boolean crossroots, String confDeleted) {}
