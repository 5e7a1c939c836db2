package io.switchboard.pickup.internal;

import io.switchboard.pickup.PickupException;
import io.switchboard.pickup.PickupGroups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pickup groups service: table {@code pickup_group} ({@link GroupStore}) read at start, kept as an immutable
 * {@link GroupTable} swapped whole on a change (REST, shell), so a pickup costs no database read and no lock.
 */
@Component(service = PickupGroups.class)
public class PickupGroupsComponent implements PickupGroups {

    private static final Logger LOG = LoggerFactory.getLogger(PickupGroupsComponent.class);
    /** A group name: letters, digits, '-', '_', '.', 1 to 64 characters (it appears in REST paths). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** An AoR as the registrar keys users: user@domain, no scheme, no spaces, at most 255 characters. */
    private static final Pattern AOR = Pattern.compile("[^@\\s:<>;]+@[^@\\s:<>;]+");

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    private GroupStore store;
    private volatile GroupTable table = GroupTable.EMPTY;

    @Activate
    void activate() throws Exception {
        store = new GroupStore(dataSource);
        store.migrate();
        table = GroupTable.of(store.all());
        LOG.info("Pickup groups ready: {}", table.members().size());
    }

    @Override
    public Map<String, List<String>> groups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        table.members().forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    @Override
    public Set<String> groupsOf(String aor) {
        return table.groupsOf(aor);
    }

    @Override
    public Set<String> colleaguesOf(String aor) {
        return table.colleaguesOf(aor);
    }

    @Override
    public synchronized boolean add(String name, String aor) throws PickupException {
        check(name, aor);
        String key = normalized(aor);
        if (table.contains(name, key)) {
            return false;
        }
        store.insert(name, key);
        table = table.with(name, key);
        return true;
    }

    @Override
    public synchronized boolean remove(String name, String aor) throws PickupException {
        String key = aor == null ? null : normalized(aor);
        if (name == null || key == null || !store.delete(name, key)) {
            return false;
        }
        table = table.without(name, key);
        return true;
    }

    /** The domain lower case, the user as it is (RFC 3261 19.1.4), as {@code SipAddresses.aor} gives them. */
    static String normalized(String aor) {
        int at = aor.lastIndexOf('@');
        return at < 0 ? aor : aor.substring(0, at) + aor.substring(at).toLowerCase(Locale.ROOT);
    }

    static void check(String name, String aor) throws PickupException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PickupException(400, "a group name is 1 to 64 letters, digits, '.', '-' or '_': " + name);
        }
        if (aor == null || aor.length() > 255 || !AOR.matcher(aor).matches()) {
            throw new PickupException(400, "a member is an AoR user@domain (no sip:, no port): " + aor);
        }
    }
}
