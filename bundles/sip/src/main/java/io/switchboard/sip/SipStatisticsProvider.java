package io.switchboard.sip;

import java.util.List;

/**
 * Gives the statistics of every running SIP connector. The {@code sip} Camel component registers
 * itself in the OSGi service registry under this interface (next to {@code org.apache.camel.Component}
 * with {@code camel.name=sip}).
 */
public interface SipStatisticsProvider {

    /** One entry per running connector, ordered by address. A snapshot: counters keep moving. */
    List<SipStatistics> statistics();
}
