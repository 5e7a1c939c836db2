package io.switchboard.rabbitmq.internal;

import io.switchboard.rabbitmq.ExportStatistics;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code rabbitmq:stats}: where the events go and the export's counters. */
@Command(scope = "rabbitmq", name = "stats", description = "Shows the export of events to RabbitMQ and its counters")
@Service
public class RabbitMqStatsCommand implements Action {

    @Reference
    RabbitMqExportService service;

    @Override
    public Object execute() {
        System.out.println(text(service.config(), service.statistics()));
        return null;
    }

    static String text(RabbitMqConfig c, ExportStatistics s) {
        return String.format(
                "%s%nconnected=%s received=%d published=%d dropped=%d buffered=%d connects=%d failures=%d%s",
                c,
                s.connected(),
                s.received(),
                s.published(),
                s.dropped(),
                s.buffered(),
                s.connects(),
                s.failures(),
                s.lastError().isEmpty() ? "" : " lastError=" + s.lastError());
    }
}
