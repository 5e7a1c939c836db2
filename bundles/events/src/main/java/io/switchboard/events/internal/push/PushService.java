package io.switchboard.events.internal.push;

import io.switchboard.settings.SettingsReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 8599 pushes (PID {@code io.switchboard.push}): POSTs one push to the configured gateway with the JDK's HTTP
 * client, asynchronously (a call waiting for its push holds no thread), and counts what was sent and what failed. A
 * gateway that answers an error or not in time is logged and counted; the caller decides what the call does.
 */
@Component(
        service = PushService.class,
        configurationPid = PushSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PushSettings.class)
public class PushService {

    private static final Logger LOG = LoggerFactory.getLogger(PushService.class);
    private static final SettingsReader<PushSettings> SETTINGS = PushConfig.reader(LOG::warn);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile PushConfig config;

    public PushService() {}

    /** Outside OSGi (tests). */
    public PushService(PushConfig config) {
        this.config = config;
    }

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        config = PushConfig.of(SETTINGS.read(props));
        LOG.info("Push notifications {}", config.enabled() ? "on: " + config : "off (push_url empty)");
    }

    PushConfig config() {
        return config;
    }

    /** POSTs {@code body}; completes with true on a 2xx answer, false (logged, counted) on anything else. */
    CompletableFuture<Boolean> post(String body, String what) {
        PushConfig c = config;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(c.url()))
                    .timeout(Duration.ofMillis(c.postTimeoutMs()))
                    .header("Content-Type", c.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(what, "bad push_url " + c.url() + ": " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                return failed(what, String.valueOf(error));
            }
            if (response.statusCode() / 100 != 2) {
                return failed(what, "the push gateway answered " + response.statusCode());
            }
            sent.incrementAndGet();
            return true;
        });
    }

    private boolean failed(String what, String why) {
        failed.incrementAndGet();
        LOG.warn("Push for {} failed: {}", what, why);
        return false;
    }

    /** A push URL is configured. */
    public boolean enabled() {
        PushConfig c = config;
        return c != null && c.enabled();
    }

    /** Pushes accepted by the gateway since the start. */
    public long sent() {
        return sent.get();
    }

    /** Pushes that failed (error answer, time-out, unreachable gateway) since the start. */
    public long failed() {
        return failed.get();
    }
}
