package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines in fail-over order, as OpenSIPS's cgrates module uses them: each request goes to the first engine, and
 * to the next one when an engine cannot be reached or does not answer within the time-out. An engine that failed is
 * tried last until it answers again, so a dead engine costs one connect time-out, not one per request.
 */
final class FailoverClient implements CgratesClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverClient.class);

    private final List<Engine> engines;
    private final long timeoutMillis;
    private final boolean[] failed;
    private final boolean counted;

    FailoverClient(List<Engine> engines, long timeoutMillis) {
        this(engines, timeoutMillis, true);
    }

    /**
     * @param counted false when the caller counts the requests itself ({@link BiJsonLink}, whose unreachable link
     *                falls back to another client that counts the same request)
     */
    FailoverClient(List<Engine> engines, long timeoutMillis, boolean counted) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no CGRateS engine");
        }
        this.engines = List.copyOf(engines);
        this.timeoutMillis = timeoutMillis;
        this.failed = new boolean[engines.size()];
        this.counted = counted;
    }

    /** Engines from a comma list of {@code tcp://host:port} and {@code http(s)://host:port/path}. */
    static List<Engine> parse(String list, int poolSize, int connectTimeoutMillis) {
        List<Engine> out = new ArrayList<>();
        for (String s : list.split(",")) {
            String e = s.trim();
            if (e.isEmpty()) {
                continue;
            }
            URI u = URI.create(e);
            if ("tcp".equals(u.getScheme())) {
                out.add(new TcpEngine(u.getHost(), u.getPort(), poolSize, connectTimeoutMillis, null));
            } else if ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) {
                out.add(new HttpEngine(u, connectTimeoutMillis));
            } else {
                throw new IllegalArgumentException("not a CGRateS engine (tcp:// or http://): " + e);
            }
        }
        return out;
    }

    @Override
    public ObjectNode newArgs() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public JsonNode call(String method, ObjectNode args) throws CgratesException {
        IOException last = null;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < engines.size(); i++) {
                boolean down;
                synchronized (failed) {
                    down = failed[i];
                }
                if (down != (pass == 1)) {
                    continue; // healthy engines first, the failed ones after
                }
                Engine e = engines.get(i);
                JsonNode reply;
                try {
                    reply = e.send(method, args, timeoutMillis);
                } catch (IOException x) {
                    last = x;
                    if (!down) {
                        LOG.warn("CGRateS engine {} failed ({}); trying the next", e.address(), x.getMessage());
                    }
                    mark(i, true);
                    continue;
                }
                mark(i, false);
                return counted(method, reply);
            }
        }
        if (counted) {
            CgratesMeters.sink().request(method, CgratesMeters.UNREACHABLE);
        }
        throw new CgratesException(
                "NOT_CONNECTED: no CGRateS engine answered (" + (last == null ? "none" : last.getMessage()) + ")",
                true,
                last);
    }

    private JsonNode counted(String method, JsonNode reply) throws CgratesException {
        if (!counted) {
            return JsonRpc.result(reply);
        }
        try {
            JsonNode result = JsonRpc.result(reply);
            CgratesMeters.sink().request(method, CgratesMeters.OK);
            return result;
        } catch (CgratesException answered) {
            CgratesMeters.sink().request(method, CgratesMeters.ERROR);
            throw answered;
        }
    }

    private void mark(int i, boolean down) {
        synchronized (failed) {
            failed[i] = down;
        }
    }

    @Override
    public void close() {
        engines.forEach(Engine::close);
    }
}
