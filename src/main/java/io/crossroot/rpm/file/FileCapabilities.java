package io.crossroot.rpm.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * Turns rpm's FILECAPS text (libcap's cap_to_text form: "cap_net_raw=ep", "cap_chown,cap_fowner+ep") into the
 * value of the security.capability extended attribute (struct vfs_cap_data, revision 2), as cap_set_file would.
 */
public final class FileCapabilities {
    /** The kernel's capability names by number (linux/capability.h). */
    private static final List<String> NAMES = List.of(
            "chown",
            "dac_override",
            "dac_read_search",
            "fowner",
            "fsetid",
            "kill",
            "setgid",
            "setuid",
            "setpcap",
            "linux_immutable",
            "net_bind_service",
            "net_broadcast",
            "net_admin",
            "net_raw",
            "ipc_lock",
            "ipc_owner",
            "sys_module",
            "sys_rawio",
            "sys_chroot",
            "sys_ptrace",
            "sys_pacct",
            "sys_admin",
            "sys_boot",
            "sys_nice",
            "sys_resource",
            "sys_time",
            "sys_tty_config",
            "mknod",
            "lease",
            "audit_write",
            "audit_control",
            "setfcap",
            "mac_override",
            "mac_admin",
            "syslog",
            "wake_alarm",
            "block_suspend",
            "audit_read",
            "perfmon",
            "bpf",
            "checkpoint_restore");

    private static final int REVISION_2 = 0x02000000;
    private static final int FLAG_EFFECTIVE = 1;
    private static final long ALL = (1L << NAMES.size()) - 1;

    private FileCapabilities() {}

    /**
     * The vfs_cap_data bytes for {@code text}; null when it grants nothing (rpm writes "" for files without).
     *
     * @param source what the text came from, for errors
     */
    public static byte[] encode(String text, Object source) {
        long effective = 0;
        long permitted = 0;
        long inheritable = 0;
        for (String clause : text.strip().split("\\s+")) {
            if (clause.isEmpty()) {
                continue;
            }
            int op = firstOperator(clause);
            if (op < 0) {
                throw bad(text, source, "clause '" + clause + "' has no '=', '+' or '-'");
            }
            long caps = capabilities(clause.substring(0, op), clause.charAt(op), text, source);
            int i = op;
            while (i < clause.length()) {
                char operator = clause.charAt(i++);
                if (operator != '=' && operator != '+' && operator != '-') {
                    throw bad(text, source, "'" + operator + "' is not an operator");
                }
                if (operator == '=') {
                    effective &= ~caps;
                    permitted &= ~caps;
                    inheritable &= ~caps;
                }
                for (; i < clause.length() && "eipEIP".indexOf(clause.charAt(i)) >= 0; i++) {
                    char set = Character.toLowerCase(clause.charAt(i));
                    boolean raise = operator != '-';
                    long bits = caps;
                    if (set == 'e') {
                        effective = raise ? effective | bits : effective & ~bits;
                    } else if (set == 'p') {
                        permitted = raise ? permitted | bits : permitted & ~bits;
                    } else {
                        inheritable = raise ? inheritable | bits : inheritable & ~bits;
                    }
                }
            }
        }
        if (permitted == 0 && inheritable == 0 && effective == 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(REVISION_2 | (effective != 0 ? FLAG_EFFECTIVE : 0));
        b.putInt((int) permitted).putInt((int) inheritable);
        b.putInt((int) (permitted >>> 32)).putInt((int) (inheritable >>> 32));
        return b.array();
    }

    private static int firstOperator(String clause) {
        for (int i = 0; i < clause.length(); i++) {
            if ("=+-".indexOf(clause.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static long capabilities(String list, char operator, String text, Object source) {
        if (list.isEmpty()) {
            if (operator != '=') {
                throw bad(text, source, "a capability list may be left out only before '='");
            }
            return ALL;
        }
        long caps = 0;
        for (String name : list.split(",", -1)) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("all")) {
                caps |= ALL;
                continue;
            }
            int number = n.startsWith("cap_") ? NAMES.indexOf(n.substring(4)) : -1;
            if (number < 0 && n.matches("[0-9]{1,2}") && Integer.parseInt(n) < NAMES.size()) {
                number = Integer.parseInt(n);
            }
            if (number < 0) {
                throw bad(text, source, "'" + name + "' is not a capability this kernel knows");
            }
            caps |= 1L << number;
        }
        return caps;
    }

    private static RpmFormatError bad(String text, Object source, String detail) {
        return new RpmFormatError(source, "its file capabilities '" + text + "' cannot be read: " + detail);
    }
}
