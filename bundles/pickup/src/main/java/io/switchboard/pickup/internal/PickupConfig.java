package io.switchboard.pickup.internal;

import io.switchboard.settings.SettingsReader;
import java.util.function.Consumer;

/**
 * The settings in force, typed.
 *
 * @param callInfo the Call-ID header template of the picker's branch ({@code {host}} replaced); empty: none
 */
record PickupConfig(String prefix, String callInfo) {

    static final PickupConfig DEFAULTS = of(reader(s -> {}).defaults());

    static SettingsReader<PickupSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(PickupSettings.PID, PickupSettings.class, warnings);
    }

    static PickupConfig of(PickupSettings s) {
        return new PickupConfig(s.prefix(), s.call__info().trim());
    }
}
