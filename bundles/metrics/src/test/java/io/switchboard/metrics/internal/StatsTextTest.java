package io.switchboard.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTextTest {

    private static final String SCRAPE = "# HELP a_total x\n# TYPE a_total counter\na_total{m=\"INVITE\"} 3.0\n"
            + "# HELP b y\n# TYPE b gauge\nb 1.0\n";

    @Test
    void showsTheSamplesWithoutComments() {
        assertEquals("a_total{m=\"INVITE\"} 3.0\nb 1.0\n", StatsText.lines(SCRAPE, null));
    }

    @Test
    void filtersByPrefixAndSaysWhenNothingMatches() {
        assertEquals("b 1.0\n", StatsText.lines(SCRAPE, "b"));
        assertEquals("No metric starts with switchboard_sip\n", StatsText.lines(SCRAPE, "switchboard_sip"));
    }
}
