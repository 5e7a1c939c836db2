package io.switchboard.esl.internal;

import io.switchboard.esl.EslHangupException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The benchmark behind itests/bench/esl-bench.sh (not a test): in one JVM, the esl component against the FreeSWITCH
 * doubles. {@code events N}: N DTMF events written by the double as fast as the socket takes them, parsed and
 * delivered to a route; prints events per second. {@code calls C}: C outbound calls answered and parked by a route
 * and held at once; prints the heap per held call (after GC, before and after).
 */
public final class EslBench {

    private EslBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "events";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        if (mode.equals("events")) {
            events(n);
        } else if (mode.equals("calls")) {
            calls(n);
        } else {
            System.err.println("usage: EslBench events N | calls C");
            System.exit(2);
        }
    }

    static void events(int n) throws Exception {
        try (FreeSwitchDouble fs = new FreeSwitchDouble("ClueCon")) {
            CamelContext camel = new DefaultCamelContext();
            EslComponent esl = new EslComponent();
            esl.addServer(ServerDefinition.of("default", "127.0.0.1", fs.port(), "ClueCon"));
            camel.addComponent("esl", esl);
            AtomicInteger seen = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(1);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("esl:events?events=DTMF").process(e -> {
                        if (e.getMessage().getHeader("DTMF-Digit") != null && seen.incrementAndGet() == n) {
                            all.countDown();
                        }
                    });
                }
            });
            camel.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((fs.current() == null || fs.current().commands().stream().noneMatch(c -> c.startsWith("event")))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(FreeSwitchDouble.event("plain", dtmf(i), null));
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            fs.raw(bytes, 64 * 1024);
            boolean done = all.await(120, TimeUnit.SECONDS);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "events %d delivered %d in %.2f s: %.0f events/s (%.1f MB on the wire)%s%n",
                    n, seen.get(), s, seen.get() / s, bytes.length / 1e6, done ? "" : " INCOMPLETE");
            camel.stop();
        }
    }

    static Map<String, String> dtmf(int i) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", "DTMF");
        h.put("Core-UUID", "6d5ae0a2-0000-4000-8000-000000000001");
        h.put("FreeSWITCH-Hostname", "fs1.example.net");
        h.put("Event-Date-Timestamp", Long.toString(1_700_000_000_000_000L + i));
        h.put("Event-Sequence", Integer.toString(i));
        h.put("Unique-ID", "1b2c3d4e-0000-4000-8000-" + String.format("%012d", i));
        h.put("Channel-Name", "sofia/internal/1000@192.0.2.10");
        h.put("Caller-Caller-ID-Number", "1000");
        h.put("DTMF-Digit", Integer.toString(i % 10));
        h.put("DTMF-Duration", "2000");
        h.put("DTMF-Source", "RTP");
        return h;
    }

    static void calls(int c) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EslComponent esl = new EslComponent();
        camel.addComponent("esl", esl);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(EslHangupException.class).handled(true); // the calls are closed at the end
                from("esl:outbound?port=0")
                        .routeId("held")
                        .to("esl:execute?app=answer")
                        .to("esl:execute?app=park");
            }
        });
        camel.start();
        int port = ((EslOutboundConsumer) camel.getRoute("held").getConsumer()).localPort();
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = heapAfterGc(mem);
        List<FreeSwitchCall> calls = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < c; i++) {
            calls.add(new FreeSwitchCall(port, true, "1"));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (calls.stream().anyMatch(x -> !x.applications().contains("park")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long held =
                calls.stream().filter(x -> x.applications().contains("park")).count();
        double s = (System.nanoTime() - t0) / 1e9;
        long after = heapAfterGc(mem);
        System.out.printf(
                "calls %d held %d (set up in %.2f s); heap %.1f MB -> %.1f MB: %.1f KB per call "
                        + "(both sides of the socket in this JVM: the doubles' threads and buffers included)%n",
                c, held, s, before / 1e6, after / 1e6, (after - before) / 1024.0 / Math.max(1, held));
        for (FreeSwitchCall x : calls) {
            x.close();
        }
        camel.stop();
    }

    private static long heapAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
