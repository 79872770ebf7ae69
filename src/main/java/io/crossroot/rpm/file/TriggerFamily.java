package io.crossroot.rpm.file;

/** Package triggers (%triggerin on another package) and file triggers, per file or once per transaction. */
public enum TriggerFamily {
    PACKAGE(
            RpmTags.TRIGGERSCRIPTS,
            RpmTags.TRIGGERSCRIPTPROG,
            -1,
            -1,
            RpmTags.TRIGGERNAME,
            RpmTags.TRIGGERFLAGS,
            RpmTags.TRIGGERVERSION,
            RpmTags.TRIGGERINDEX),
    FILE(
            RpmTags.FILETRIGGERSCRIPTS,
            RpmTags.FILETRIGGERSCRIPTPROG,
            RpmTags.FILETRIGGERSCRIPTFLAGS,
            RpmTags.FILETRIGGERPRIORITIES,
            RpmTags.FILETRIGGERNAME,
            RpmTags.FILETRIGGERFLAGS,
            RpmTags.FILETRIGGERVERSION,
            RpmTags.FILETRIGGERINDEX),
    TRANSACTION_FILE(
            RpmTags.TRANSFILETRIGGERSCRIPTS,
            RpmTags.TRANSFILETRIGGERSCRIPTPROG,
            RpmTags.TRANSFILETRIGGERSCRIPTFLAGS,
            RpmTags.TRANSFILETRIGGERPRIORITIES,
            RpmTags.TRANSFILETRIGGERNAME,
            RpmTags.TRANSFILETRIGGERFLAGS,
            RpmTags.TRANSFILETRIGGERVERSION,
            RpmTags.TRANSFILETRIGGERINDEX);

    final int scriptsTag;
    final int progTag;
    final int scriptFlagsTag;
    final int prioritiesTag;
    final int nameTag;
    final int flagsTag;
    final int versionTag;
    final int indexTag;

    TriggerFamily(
            int scriptsTag,
            int progTag,
            int scriptFlagsTag,
            int prioritiesTag,
            int nameTag,
            int flagsTag,
            int versionTag,
            int indexTag) {
        this.scriptsTag = scriptsTag;
        this.progTag = progTag;
        this.scriptFlagsTag = scriptFlagsTag;
        this.prioritiesTag = prioritiesTag;
        this.nameTag = nameTag;
        this.flagsTag = flagsTag;
        this.versionTag = versionTag;
        this.indexTag = indexTag;
    }
}
