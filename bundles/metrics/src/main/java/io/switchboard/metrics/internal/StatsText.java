package io.switchboard.metrics.internal;

/** The Prometheus text of a scrape as the shell shows it: the samples, without the HELP and TYPE comments. */
final class StatsText {

    private StatsText() {}

    /** The sample lines of {@code scrape} whose metric name starts with {@code prefix} (all when null). */
    static String lines(String scrape, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : scrape.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (prefix == null || line.startsWith(prefix)) {
                sb.append(line).append('\n');
            }
        }
        return sb.length() == 0 ? "No metric" + (prefix == null ? "" : " starts with " + prefix) + "\n" : sb.toString();
    }
}
