package io.crossroot.rpm.file;

/** The dependency kinds a header lists, each as three parallel tags: names, flags (RPMSENSE_*) and versions. */
public enum DependencyTag {
    PROVIDES(RpmTags.PROVIDENAME, RpmTags.PROVIDEFLAGS, RpmTags.PROVIDEVERSION),
    REQUIRES(RpmTags.REQUIRENAME, RpmTags.REQUIREFLAGS, RpmTags.REQUIREVERSION),
    CONFLICTS(RpmTags.CONFLICTNAME, RpmTags.CONFLICTFLAGS, RpmTags.CONFLICTVERSION),
    OBSOLETES(RpmTags.OBSOLETENAME, RpmTags.OBSOLETEFLAGS, RpmTags.OBSOLETEVERSION),
    RECOMMENDS(RpmTags.RECOMMENDNAME, RpmTags.RECOMMENDFLAGS, RpmTags.RECOMMENDVERSION),
    SUGGESTS(RpmTags.SUGGESTNAME, RpmTags.SUGGESTFLAGS, RpmTags.SUGGESTVERSION),
    SUPPLEMENTS(RpmTags.SUPPLEMENTNAME, RpmTags.SUPPLEMENTFLAGS, RpmTags.SUPPLEMENTVERSION),
    ENHANCES(RpmTags.ENHANCENAME, RpmTags.ENHANCEFLAGS, RpmTags.ENHANCEVERSION);

    final int nameTag;
    final int flagsTag;
    final int versionTag;

    DependencyTag(int nameTag, int flagsTag, int versionTag) {
        this.nameTag = nameTag;
        this.flagsTag = flagsTag;
        this.versionTag = versionTag;
    }
}
