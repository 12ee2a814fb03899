package dev.pendingconsole.local;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a backup or export was taken: the server's address, its identity ({@code run_id} of a standalone
 * server, the node ids of a cluster's masters; empty when the ACL user may not ask) and the connection's
 * name. Restore compares it with the server it writes to, so that a backup of one server is not put into
 * another by accident.
 */
public record BackupOrigin(String address, String identity, String profile) {

    public BackupOrigin {
        address = address == null ? "" : address;
        identity = identity == null ? "" : identity;
        profile = profile == null ? "" : profile;
    }

    /**
     * Whether {@code other} is the same server. Identities decide when both are known (a cluster is the
     * same when any master id is shared, since nodes come and go); otherwise the addresses do.
     */
    public boolean sameServerAs(BackupOrigin other) {
        if (!identity.isEmpty() && !other.identity.isEmpty()) {
            Set<String> mine = ids(identity);
            mine.retainAll(ids(other.identity));
            return !mine.isEmpty();
        }
        return address.equals(other.address);
    }

    private static Set<String> ids(String identity) {
        return new TreeSet<>(Arrays.asList(identity.split(",")));
    }

    /** For messages: the address and, when known, the identity. */
    public String describe() {
        return address + (identity.isEmpty() ? "" : " (" + (identity.contains(",") ? "cluster " : "run_id ")
                + abbreviate(identity) + ")") + (profile.isEmpty() ? "" : ", connection \"" + profile + "\"");
    }

    private static String abbreviate(String identity) {
        return identity.length() > 24 ? identity.substring(0, 12) + "\u2026" : identity;
    }
}
