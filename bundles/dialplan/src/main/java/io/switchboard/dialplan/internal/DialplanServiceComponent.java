package io.switchboard.dialplan.internal;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanRule;
import io.switchboard.dialplan.DialplanService;
import io.switchboard.dialplan.Translation;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dial plan service: the rules of table {@code dialplan}, compiled and cached in memory ({@link CompiledRules},
 * swapped whole on a change), so a translation costs no database read. A rule added or removed through the service
 * (REST, shell) is in force for the next call; rows changed behind its back are read by {@link #reload()}
 * ({@code dialplan:reload}, {@code POST /api/dialplan/reload}), Kamailio's {@code dialplan.reload}. A stored rule
 * that does not compile (written by SQL) is left out of the cache with a warning, never a failed reload.
 */
@Component(service = {DialplanService.class, DialplanServiceComponent.class})
public class DialplanServiceComponent implements DialplanService {

    private static final Logger LOG = LoggerFactory.getLogger(DialplanServiceComponent.class);

    @Reference(target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    private RuleStore store;
    private volatile CompiledRules rules = CompiledRules.EMPTY;

    @Activate
    void activate() throws Exception {
        store = new RuleStore(dataSource);
        store.migrate();
        LOG.info("Dial plans ready: {} rules", reload());
    }

    @Override
    public List<DialplanRule> rules(Integer dpid) {
        return rules.rules(dpid);
    }

    @Override
    public synchronized DialplanRule add(DialplanRule rule) throws DialplanException {
        CompiledRules.check(rule);
        DialplanRule stored = store.insert(rule);
        List<DialplanRule> next = new ArrayList<>(rules.rules(null));
        next.add(stored);
        rules = new CompiledRules(next);
        return stored;
    }

    @Override
    public synchronized void remove(long id) throws DialplanException {
        if (!store.delete(id)) {
            throw new DialplanException(404, "no dial plan rule " + id);
        }
        List<DialplanRule> next = new ArrayList<>(rules.rules(null));
        next.removeIf(r -> r.id() == id);
        rules = new CompiledRules(next);
    }

    @Override
    public synchronized int reload() throws DialplanException {
        List<DialplanRule> valid = new ArrayList<>();
        for (DialplanRule r : store.all()) {
            try {
                CompiledRules.check(r);
                valid.add(r);
            } catch (DialplanException e) {
                LOG.warn("Dial plan rule {} (dpid {}) left out: {}", r.id(), r.dpid(), e.getMessage());
            }
        }
        rules = new CompiledRules(valid);
        return valid.size();
    }

    @Override
    public Translation translate(int dpid, String input) {
        return rules.translate(dpid, input);
    }
}
