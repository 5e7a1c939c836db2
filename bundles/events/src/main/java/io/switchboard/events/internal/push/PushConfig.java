package io.switchboard.events.internal.push;

import io.switchboard.settings.SettingsReader;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Settings of PID {@code io.switchboard.push} as push:notify uses them; declared in {@link PushSettings}.
 *
 * @param url           where the pushes are POSTed; empty: push is off
 * @param bodyTemplate  the body of each POST, with {@code {pn-prid}}-style placeholders
 * @param contentType   Content-Type of each POST
 * @param waitSeconds   how long a call waits for the woken device's REGISTER
 * @param postTimeoutMs how long a POST may take
 */
public record PushConfig(String url, String bodyTemplate, String contentType, int waitSeconds, int postTimeoutMs) {

    static SettingsReader<PushSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(PushSettings.PID, PushSettings.class, warnings);
    }

    static PushConfig of(PushSettings s) {
        return new PushConfig(
                s.push__url().trim(), s.body__template(), s.content__type(), s.wait__seconds(), s.post__timeout__ms());
    }

    /** These properties over the defaults (tests; a bad value is logged and the default kept). */
    public static PushConfig from(Map<String, ?> p) {
        return of(reader(LoggerFactory.getLogger(PushConfig.class)::warn).read(p));
    }

    /** Push is on once a URL is configured. */
    boolean enabled() {
        return !url.isEmpty();
    }
}
