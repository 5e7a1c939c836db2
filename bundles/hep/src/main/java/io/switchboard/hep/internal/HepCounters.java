package io.switchboard.hep.internal;

import java.util.concurrent.atomic.LongAdder;

/** What became of the captured messages since the bundle started (they outlive a change of the settings). */
public final class HepCounters {

    /** Packets the collector was sent. */
    public final LongAdder sent = new LongAdder();
    /** Packets dropped: the queue was full, or the TCP collector was down. */
    public final LongAdder dropped = new LongAdder();
    /** Packets whose sending failed (a socket error). */
    public final LongAdder failed = new LongAdder();
    /** Messages that could not be made a packet (no address, or larger than 65535 bytes with the headers). */
    public final LongAdder unsendable = new LongAdder();
}
