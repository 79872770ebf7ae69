package io.crossroot.rpm.file;

import java.util.List;

/**
 * A package scriptlet.
 *
 * @param interpreter the program and its arguments ("/bin/sh", or "&lt;lua&gt;" for rpm's embedded Lua); rpm runs
 *                    /bin/sh when the header names none
 * @param body        the script text; empty when only the interpreter runs (%post -p /sbin/ldconfig)
 * @param flags       RPMSCRIPT_FLAG_* (macro expansion, critical)
 */
public record Scriptlet(ScriptletPhase phase, List<String> interpreter, String body, long flags) {
    public Scriptlet {
        interpreter = List.copyOf(interpreter);
    }

    /** Runs in rpm's embedded Lua interpreter rather than as a program. */
    public boolean isLua() {
        return !interpreter.isEmpty() && interpreter.get(0).equals("<lua>");
    }
}
