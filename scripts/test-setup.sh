# Sourced by ./run-tests: makes this machine ready for the suite. Every step is idempotent (it checks before it
# acts, so a second run installs and starts nothing) and prints one line.

# Debian packages the tests use as oracles and peers; crossroot itself needs none of them.
#   binutils (readelf) cross-checks the ELF reader; curl probes the engines' sockets; docker.io is the engine the
#   image tests load into and podman the second engine behind the same API; skopeo and umoci read crossroot's OCI
#   layouts; attr reads extended attributes back and libcap2-bin sets file capabilities; fdisk and gdisk check partition tables; rpm reads the RPMs
#   crossroot builds and builds, signs and unpacks (with cpio) the RPMs the rpm reader is checked against; strace proves
#   that disk assembly uses no loop device and no mount. rpm (rpmbuild, rpmsign), createrepo-c and gnupg build the signed
#   rpm-md fixture repository; dnf and libsolv-tools are the oracles that install from it and resolve it. faketime runs a build at
#   another time of day to show its outputs do not depend on it.
CROSSROOT_TEST_PACKAGES=(binutils ca-certificates curl docker.io skopeo umoci attr libcap2-bin fdisk gdisk strace rpm cpio podman
    createrepo-c dnf libsolv-tools gnupg faketime)
# crossroot must work without any host qemu, so none may be installed or registered.
CROSSROOT_HOST_QEMU_PACKAGES=(qemu-user-static qemu-user qemu-user-binfmt binfmt-support)

crossroot_setup_step() { printf '== %-22s %s\n' "$1" "$2"; }

crossroot_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

crossroot_require_root() {
    if [ "$(id -u)" != 0 ]; then
        echo "run-tests: the suite needs root: it installs its test prerequisites with apt-get" \
             "(${CROSSROOT_TEST_PACKAGES[*]}), mounts binfmt_misc and registers interpreters in it, starts" \
             "dockerd and Podman's API service, and builds root file systems that own files as other users." \
             "Run it as 'sudo ./run-tests'." >&2
        exit 1
    fi
}

crossroot_install_test_packages() {
    local missing=() pkg
    for pkg in "${CROSSROOT_TEST_PACKAGES[@]}"; do
        crossroot_installed "$pkg" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        crossroot_setup_step "test packages" "all present"
        return
    fi
    crossroot_setup_step "test packages" "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # podman with its recommends (fuse-overlayfs, slirp4netns, conmon), as the interop test was proven with.
    apt-get install -y -qq "${missing[@]}" >/dev/null
}

crossroot_remove_host_qemu() {
    local found=() pkg entry removed=()
    for pkg in "${CROSSROOT_HOST_QEMU_PACKAGES[@]}"; do
        crossroot_installed "$pkg" && found+=("$pkg")
    done
    [ ${#found[@]} -eq 0 ] || apt-get purge -y -qq "${found[@]}" >/dev/null
    if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    fi
    # Entries whose interpreter a host package installed (under /usr); crossroot's own point into its cache.
    for entry in /proc/sys/fs/binfmt_misc/qemu-*; do
        [ -e "$entry" ] || continue
        if grep -q '^interpreter /usr/' "$entry"; then
            echo -1 > "$entry"
            removed+=("${entry##*/}")
        fi
    done
    crossroot_setup_step "host qemu" "${found[*]:+purged ${found[*]}; }${removed[*]:+unregistered ${removed[*]}; }none left"
}

crossroot_start_dockerd() {
    if docker info >/dev/null 2>&1; then
        crossroot_setup_step "docker engine" "answers"
        return
    fi
    local log=/var/log/crossroot-test-dockerd.log
    setsid dockerd </dev/null >"$log" 2>&1 &
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && break
        sleep 1
    done
    docker info >/dev/null 2>&1 || { echo "run-tests: dockerd did not answer within 60 s; its log ($log) ends:" >&2; tail -20 "$log" >&2; exit 1; }
    crossroot_setup_step "docker engine" "started (log: $log)"
}

crossroot_podman_answers() {
    curl -sf --max-time 2 --unix-socket /run/podman/podman.sock http://d/_ping >/dev/null 2>&1
}

crossroot_start_podman() {
    if crossroot_podman_answers; then
        crossroot_setup_step "podman API" "answers"
        return
    fi
    local log=/var/log/crossroot-test-podman.log
    mkdir -p /run/podman
    # A socket file can outlive its service and refuse connections: only the API's answer counts.
    rm -f /run/podman/podman.sock
    setsid podman system service --time=0 unix:///run/podman/podman.sock </dev/null >"$log" 2>&1 &
    for _ in $(seq 1 30); do
        crossroot_podman_answers && break
        sleep 1
    done
    crossroot_podman_answers || { echo "run-tests: Podman's API service did not answer within 30 s; its log ($log) ends:" >&2; tail -20 "$log" >&2; exit 1; }
    crossroot_setup_step "podman API" "started (log: $log)"
}

crossroot_test_setup() {
    crossroot_require_root
    crossroot_install_test_packages
    crossroot_remove_host_qemu
    crossroot_start_dockerd
    crossroot_start_podman
}
