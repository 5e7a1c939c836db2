package io.switchboard.itests;

import static io.switchboard.itests.CxTestPeer.avp;

import io.switchboard.diameter.DiameterMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of {@code bench/cx-bench.sh}: PEERS Cx peers ({@link CxTestPeer}, peer {@code bench-N.bench})
 * each keep WINDOW requests in flight for SECONDS against an HSS on 127.0.0.1:PORT, UAR or MAR (SIP Digest) of the
 * provisioned subscribers {@code u000001@bench}... in turn, and print one line: command, peers, answers/s, p50 and
 * p99 latency in ms, and errors (an answer other than the expected 2001, or none).
 *
 * <p>Usage: {@code java -cp ... io.switchboard.itests.CxBench PORT UAR|MAR PEERS SECONDS USERS [WINDOW]}
 */
public final class CxBench {

    private CxBench() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String command = args[1];
        int peers = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        int users = Integer.parseInt(args[4]);
        int window = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        if (!command.equals("UAR") && !command.equals("MAR")) {
            throw new IllegalArgumentException("command is UAR or MAR");
        }
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<CxTestPeer> connections = new ArrayList<>();
        int[] counts = new int[peers];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        for (int i = 0; i < peers; i++) {
            CxTestPeer p = CxTestPeer.connect(port, "bench-" + (i + 1) + ".bench", "bench");
            connections.add(p);
            long[] samples = new long[1_000_000];
            latencies.add(samples);
            int index = i;
            Thread t = new Thread(
                    () -> drive(p, command, users, window, deadline, next, errors, samples, counts, index),
                    "cx-bench-" + i);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (CxTestPeer p : connections) {
            p.close();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < peers; i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        System.out.printf(
                "%s peers=%d answers=%d answers/s=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d%n",
                command, peers, total, total / elapsed, percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    private static void drive(
            CxTestPeer p,
            String command,
            int users,
            int window,
            long deadline,
            AtomicLong next,
            AtomicLong errors,
            long[] samples,
            int[] counts,
            int index) {
        Semaphore inFlight = new Semaphore(window);
        AtomicLong done = new AtomicLong();
        try {
            while (System.nanoTime() < deadline) {
                inFlight.acquire();
                String user = String.format("u%06d", next.getAndIncrement() % users + 1);
                DiameterMessage m = request(p, command, user);
                long sent = System.nanoTime();
                p.sendAsync(m).orTimeout(10, TimeUnit.SECONDS).whenComplete((a, e) -> {
                    if (e != null || a.resultCode().orElse(-1L) != 2001) {
                        errors.incrementAndGet();
                    } else {
                        int n = (int) done.getAndIncrement();
                        if (n < samples.length) {
                            samples[n] = System.nanoTime() - sent;
                        }
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(window);
        } catch (Exception e) {
            errors.incrementAndGet();
        }
        counts[index] = (int) Math.min(done.get(), samples.length);
    }

    private static DiameterMessage request(CxTestPeer p, String command, String user) {
        String impi = user + "@bench";
        String impu = "sip:" + user + "@bench";
        if (command.equals("UAR")) {
            return p.request(
                    "UAR",
                    "bench",
                    avp("User-Name", impi),
                    avp("Public-Identity", impu),
                    avp("Visited-Network-Identifier", "bench"));
        }
        return p.request(
                "MAR",
                "bench",
                avp("User-Name", impi),
                avp("Public-Identity", impu),
                CxTestPeer.D.group("SIP-Auth-Data-Item", avp("SIP-Authentication-Scheme", "SIP Digest")),
                avp("SIP-Number-Auth-Items", 1),
                avp("Server-Name", "sip:scscf.bench:6060"));
    }
}
