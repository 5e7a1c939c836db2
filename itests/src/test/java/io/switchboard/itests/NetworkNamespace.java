package io.switchboard.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Another network on this host for a peer that must not be local: a Linux network namespace joined to the host by a
 * veth pair on a 10.x.y.0/24 of its own ({@code 10.x.y.1} on the host side, {@code 10.x.y.2} inside), so that a
 * phone in it reaches the platform over an interface that is not loopback and sees what the platform advertises to
 * a remote peer. Needs root (CAP_NET_ADMIN): where {@code ip netns add} fails the test is skipped, saying so.
 * {@link #close()} removes the namespace, its processes and the pair; a shutdown hook does it too if the JVM ends
 * before (a failsafe timeout).
 */
final class NetworkNamespace implements AutoCloseable {

    final String name;
    /** The host side's address: what a phone in the namespace talks to. */
    final String hostAddress;
    /** The address inside the namespace: the phone's own. */
    final String peerAddress;

    private final String hostVeth;
    private final Thread cleanup;
    private boolean closed;

    private NetworkNamespace(String name, String hostVeth, String hostAddress, String peerAddress) {
        this.name = name;
        this.hostVeth = hostVeth;
        this.hostAddress = hostAddress;
        this.peerAddress = peerAddress;
        this.cleanup = new Thread(this::remove, "netns-cleanup-" + name);
    }

    /**
     * Creates the namespace and its veth pair, or skips the test (JUnit assumption) when namespaces cannot be made
     * here (not root, no {@code ip}); a later step that fails removes what was made and fails the test.
     */
    static NetworkNamespace create() throws IOException, InterruptedException {
        int id = (int) (ProcessHandle.current().pid() % 10_000);
        String name = "sb-itest-" + id;
        // a namespace or veth of this name is left from a JVM of the same pid (modulo 10,000) that was killed
        exec(10, "ip", "netns", "del", name);
        exec(10, "ip", "link", "del", "sbh" + id);
        Result add = exec(10, "ip", "netns", "add", name);
        Assumptions.assumeTrue(
                add.code() == 0,
                "network namespaces unavailable ('ip netns add' needs root / CAP_NET_ADMIN): "
                        + add.output().trim());
        String subnet = freeSubnet();
        NetworkNamespace ns = new NetworkNamespace(name, "sbh" + id, subnet + ".1", subnet + ".2");
        Runtime.getRuntime().addShutdownHook(ns.cleanup);
        try {
            String inner = "sbn" + id;
            ns.check("ip", "link", "add", ns.hostVeth, "type", "veth", "peer", "name", inner);
            ns.check("ip", "link", "set", inner, "netns", name);
            ns.check("ip", "addr", "add", ns.hostAddress + "/24", "dev", ns.hostVeth);
            ns.check("ip", "link", "set", ns.hostVeth, "up");
            ns.check("ip", "netns", "exec", name, "ip", "addr", "add", ns.peerAddress + "/24", "dev", inner);
            ns.check("ip", "netns", "exec", name, "ip", "link", "set", inner, "up");
            ns.check("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            return ns;
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    /** The prefix that runs a command inside the namespace. */
    List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs {@code cmd} inside the namespace and returns what it printed; fails the test when it fails. */
    String execInside(String... cmd) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(prefix());
        all.addAll(List.of(cmd));
        return check(all.toArray(String[]::new));
    }

    /** Waits (at most 5 s) until a UDP socket inside the namespace is bound to {@code port}. */
    void awaitUdpBound(int port) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!execInside("ss", "-Hlun", "sport = :" + port).isBlank()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("nothing bound UDP port " + port + " in namespace " + name + " within 5 s");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    /** Kills what still runs inside, deletes the namespace (its veth end goes, and with it the pair) and the pair. */
    private void remove() {
        try {
            Result pids = exec(10, "ip", "netns", "pids", name);
            for (String pid : pids.output().split("\\s+")) {
                if (!pid.isBlank()) {
                    exec(10, "kill", "-9", pid.trim());
                }
            }
            exec(10, "ip", "netns", "del", name);
            if (exec(10, "ip", "link", "show", hostVeth).code() == 0) {
                exec(10, "ip", "link", "del", hostVeth);
            }
        } catch (IOException e) {
            System.err.println("could not remove network namespace " + name + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String check(String... cmd) throws IOException, InterruptedException {
        Result r = exec(30, cmd);
        if (r.code() != 0) {
            fail(String.join(" ", cmd) + " ended with " + r.code() + ":\n" + r.output());
        }
        return r.output();
    }

    /** A 10.x.y.0/24 no interface of this host is on (x in 200..249). */
    private static String freeSubnet() throws IOException, InterruptedException {
        String addresses = exec(10, "ip", "-o", "-4", "addr").output()
                + exec(10, "ip", "-4", "route").output();
        for (int i = 0; i < 100; i++) {
            String subnet = "10." + (200 + ThreadLocalRandom.current().nextInt(50)) + "."
                    + ThreadLocalRandom.current().nextInt(1, 255);
            if (!addresses.contains(subnet + ".")) {
                return subnet;
            }
        }
        fail("no free 10.x.y.0/24 for the namespace in:\n" + addresses);
        return null;
    }

    private record Result(int code, String output) {}

    private static Result exec(int seconds, String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException notThere) {
            return new Result(127, cmd[0] + ": " + notThere.getMessage());
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", cmd) + " did not end within " + seconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
