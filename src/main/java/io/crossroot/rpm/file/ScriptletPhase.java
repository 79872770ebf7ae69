package io.crossroot.rpm.file;

/** When rpm runs a package scriptlet, with the tags holding its body, interpreter and flags. */
public enum ScriptletPhase {
    PRETRANS(RpmTags.PRETRANS, RpmTags.PRETRANSPROG, RpmTags.PRETRANSFLAGS),
    PREIN(RpmTags.PREIN, RpmTags.PREINPROG, RpmTags.PREINFLAGS),
    POSTIN(RpmTags.POSTIN, RpmTags.POSTINPROG, RpmTags.POSTINFLAGS),
    PREUN(RpmTags.PREUN, RpmTags.PREUNPROG, RpmTags.PREUNFLAGS),
    POSTUN(RpmTags.POSTUN, RpmTags.POSTUNPROG, RpmTags.POSTUNFLAGS),
    POSTTRANS(RpmTags.POSTTRANS, RpmTags.POSTTRANSPROG, RpmTags.POSTTRANSFLAGS);

    final int bodyTag;
    final int progTag;
    final int flagsTag;

    ScriptletPhase(int bodyTag, int progTag, int flagsTag) {
        this.bodyTag = bodyTag;
        this.progTag = progTag;
        this.flagsTag = flagsTag;
    }
}
