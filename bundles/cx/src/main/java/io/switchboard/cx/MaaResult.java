package io.switchboard.cx;

import java.util.List;

/**
 * A MAA: the result, User-Name and Public-Identity (Kamailio's S-CSCF needs both), SIP-Number-Auth-Items (the size of
 * {@code items}) and the items.
 */
public record MaaResult(CxResult result, String impi, String impu, List<AuthItem> items) {

    public MaaResult {
        items = List.copyOf(items);
    }

    /** An answer with a result only (errors). */
    public static MaaResult of(CxResult result, String impi, String impu) {
        return new MaaResult(result, impi, impu, List.of());
    }
}
