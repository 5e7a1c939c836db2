package io.switchboard.sca.internal;

import java.util.Map;

/**
 * Settings of PID {@code io.switchboard.sca}, with the names and defaults of Kamailio's sca module where it has
 * them (call_info_max_expires, line_seize_max_expires, purge_expired_interval, db_update_interval,
 * hash_table_size, server_address) plus ours (max_appearances, seized_ttl, active_pending_ttl).
 */
record ScaConfig(int callInfoMaxExpires, int lineSeizeMaxExpires, int purgeExpiredInterval, int dbUpdateInterval,
                 int hashTableSize, String serverAddress, int maxAppearances, int seizedTtl, int activePendingTtl) {

    static final ScaConfig DEFAULTS = from(Map.of());

    static ScaConfig from(Map<String, ?> p) {
        ScaConfig c = new ScaConfig(num(p, "call_info_max_expires", 3600), num(p, "line_seize_max_expires", 15),
                num(p, "purge_expired_interval", 120), num(p, "db_update_interval", 300), num(p, "hash_table_size", 9),
                str(p, "server_address", ""), num(p, "max_appearances", 10), num(p, "seized_ttl", 120),
                num(p, "active_pending_ttl", 35));
        if (c.callInfoMaxExpires < 1 || c.lineSeizeMaxExpires < 1 || c.purgeExpiredInterval < 1 || c.dbUpdateInterval < 1
                || c.hashTableSize < 1 || c.hashTableSize > 20 || c.maxAppearances < 0 || c.seizedTtl < 1 || c.activePendingTtl < 1) {
            throw new IllegalArgumentException("sca settings need positive expiries, intervals and TTLs, 1 <= hash_table_size <= 20, "
                    + "max_appearances >= 0 (0 = no limit): " + p);
        }
        return c;
    }

    private static String str(Map<String, ?> p, String k, String d) {
        Object v = p.get(k);
        return v == null || v.toString().isBlank() ? d : v.toString().trim();
    }

    private static int num(Map<String, ?> p, String k, int d) {
        String v = str(p, k, Integer.toString(d));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sca setting " + k + " is not a number: " + v);
        }
    }
}
