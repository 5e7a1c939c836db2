package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-way link to CGRateS's {@code listen.bijson} (default 2014): one connection per engine, kept open (checked
 * every second), on which CGRateS sends its own requests (DisconnectSession, GetActiveSessionIDs) to the
 * {@link RpcConnection.RequestHandler}. Session methods go on it when it is up, because SessionS sends
 * DisconnectSession only to the connection a session was initiated on (reference notes §9); when it is down they
 * go to the request/response engines (the call then still is billed, but cannot be cut by CGRateS).
 */
final class BiJsonLink implements CgratesClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BiJsonLink.class);

    private final List<TcpEngine> engines = new ArrayList<>();
    private final FailoverClient client;
    private final CgratesClient fallback;
    private final ScheduledExecutorService keeper;

    /**
     * @param list     comma list of host:port; {@code none} (a blank setting is its default): no link, every call
     *                 goes to {@code fallback}
     * @param fallback the request/response client
     */
    BiJsonLink(
            String list,
            int connectTimeoutMillis,
            long timeoutMillis,
            RpcConnection.RequestHandler handler,
            CgratesClient fallback) {
        for (String s : "none".equals(list.trim()) ? new String[0] : list.split(",")) {
            String e = s.trim();
            if (!e.isEmpty()) {
                int colon = e.lastIndexOf(':');
                engines.add(new TcpEngine(
                        e.substring(0, colon),
                        Integer.parseInt(e.substring(colon + 1)),
                        1,
                        connectTimeoutMillis,
                        handler));
            }
        }
        this.fallback = fallback;
        this.client = engines.isEmpty() ? null : new FailoverClient(new ArrayList<>(engines), timeoutMillis, false);
        if (engines.isEmpty()) {
            keeper = null;
        } else {
            keeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cgrates-bijson");
                t.setDaemon(true);
                return t;
            });
            keeper.scheduleWithFixedDelay(this::keepUp, 0, 1, TimeUnit.SECONDS);
        }
    }

    private void keepUp() {
        for (TcpEngine e : engines) {
            if (!e.connected()) {
                try {
                    e.connect();
                    LOG.info("CGRateS bijson link to {} up", e.address());
                } catch (IOException x) {
                    LOG.debug("CGRateS bijson {} not reachable: {}", e.address(), x.getMessage());
                }
            }
        }
    }

    /** True when a bijson connection is open. */
    boolean connected() {
        return engines.stream().anyMatch(TcpEngine::connected);
    }

    @Override
    public JsonNode call(String method, ObjectNode args) throws CgratesException {
        if (client != null && connected()) {
            try {
                JsonNode reply = client.call(method, args);
                CgratesMeters.sink().request(method, CgratesMeters.OK);
                return reply;
            } catch (CgratesException e) {
                if (!e.unreachable()) {
                    CgratesMeters.sink().request(method, CgratesMeters.ERROR);
                    throw e;
                }
            }
        }
        return fallback.call(method, args);
    }

    @Override
    public ObjectNode newArgs() {
        return fallback.newArgs();
    }

    @Override
    public void close() {
        if (keeper != null) {
            keeper.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
    }
}
