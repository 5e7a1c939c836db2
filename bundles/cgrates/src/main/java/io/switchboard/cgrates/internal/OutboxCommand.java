package io.switchboard.cgrates.internal;

import io.switchboard.cgrates.CgratesService;
import io.switchboard.cgrates.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code cgrates:outbox [STATE]}: the CDR outbox rows and counts per state. */
@Command(scope = "cgrates", name = "outbox", description = "Lists the CDR outbox (pending, delivered, failed)")
@Service
public class OutboxCommand implements Action {

    @Reference
    CgratesService cgrates;

    @Argument(index = 0, name = "state", description = "pending, delivered or failed (default: every state)")
    String state;

    @Option(name = "-n", description = "at most this many rows (default 50)")
    int limit = 50;

    @Override
    public Object execute() {
        if (state != null
                && !List.of(Outbox.PENDING, Outbox.DELIVERED, Outbox.FAILED).contains(state)) {
            System.out.println("state must be pending, delivered or failed");
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (OutboxEntry e : cgrates.outbox(state, limit)) {
            sb.append(String.format(
                    "%d %s %s %s attempts=%d created=%s%s%n",
                    e.id(),
                    e.state(),
                    e.method(),
                    e.originId(),
                    e.attempts(),
                    Instant.ofEpochMilli(e.createdAt()),
                    e.lastError() == null ? "" : " last-error=\"" + e.lastError() + "\""));
        }
        Map<String, Integer> counts = cgrates.outboxCounts();
        sb.append(counts.get(Outbox.PENDING))
                .append(" pending, ")
                .append(counts.get(Outbox.DELIVERED))
                .append(" delivered, ")
                .append(counts.get(Outbox.FAILED))
                .append(" failed\n");
        System.out.print(sb);
        return null;
    }
}
