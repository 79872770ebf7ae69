# Sourced by ./crossroot and ./run-tests: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME, then the newest JDK under /usr/lib/jvm, then `java` on PATH.
crossroot_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

crossroot_find_jdk() {
    local candidate major best="" best_major=0
    for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(crossroot_java_major "$candidate")
        [ -n "$major" ] || continue
        if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then
            best=$candidate; break
        fi
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate; best_major=$major
        fi
    done
    if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        major=$(crossroot_java_major "$candidate")
        [ -n "$major" ] && [ "$major" -ge 21 ] && best=$candidate
    fi
    if [ -z "$best" ]; then
        echo "crossroot: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm and PATH)." \
             "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME to it." >&2
        return 1
    fi
    export JAVA_HOME=$best
}
