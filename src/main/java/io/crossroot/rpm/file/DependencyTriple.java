package io.crossroot.rpm.file;

/**
 * One dependency as the header stores it, uninterpreted: "bash" with flags GREATER|EQUAL (RPMSENSE_*) and
 * version "4.0"; an unversioned one has flags without a comparison and an empty version.
 */
public record DependencyTriple(DependencyTag tag, String name, long flags, String version) {}
