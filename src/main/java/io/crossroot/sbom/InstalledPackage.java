package io.crossroot.sbom;

/** A package dpkg's status database records as installed, with the source package it was built from. */
record InstalledPackage(String name, String version, String architecture, String sourceName, String sourceVersion) {}
