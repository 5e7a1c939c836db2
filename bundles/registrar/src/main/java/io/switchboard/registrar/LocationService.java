package io.switchboard.registrar;

import java.util.List;
import java.util.Map;

/** The location table (OSGi service of the registrar bundle): AoR {@code user@domain} to its live contacts. */
public interface LocationService {

    /**
     * Live contacts of {@code aor} ({@code user@domain}, domain lower case), newest registration first; empty when
     * none.
     */
    List<ContactBinding> lookup(String aor);

    /** Every AoR with live contacts, sorted by AoR. */
    Map<String, List<ContactBinding>> all();
}
