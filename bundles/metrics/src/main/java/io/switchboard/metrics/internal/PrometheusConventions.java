package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps every series within Prometheus's naming rules as {@code promtool check metrics} lints them, whoever
 * registered the meter (a route's {@code micrometer:} endpoint, a library's binder): label names in snake_case
 * (camel-micrometer tags {@code camelContext}), a help text on every metric (the name when the meter has none),
 * no abbreviated units ({@code process.cpu.time} in ns is left out, the CPU usage gauges stay) and no
 * {@code _count} suffix outside histograms ({@code system.cpu.count} becomes {@code system.cpu.logical}).
 */
final class PrometheusConventions implements MeterFilter {

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return "process.cpu.time".equals(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = "system.cpu.count".equals(id.getName()) ? "system.cpu.logical" : id.getName();
        List<Tag> tags = new ArrayList<>();
        for (Tag t : id.getTagsAsIterable()) {
            tags.add(Tag.of(snake(t.getKey()), t.getValue()));
        }
        String help = id.getDescription() == null || id.getDescription().isBlank()
                ? name + " (no description given)"
                : id.getDescription();
        return new Meter.Id(name, Tags.of(tags), id.getBaseUnit(), help, id.getType());
    }

    static String snake(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
