package io.switchboard.cgrates.internal;

import io.switchboard.settings.SettingsReader;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps the platform context's global variable {@value #NAME} present exactly while the settings turn billing on,
 * so that routes/calls.xml guards its billing steps with {@code ${variable.global:cgrates-enabled} != null}: a map
 * lookup, where {@code ${camelContext.hasComponent('cgrates').isEnabled()}} (still working) made Camel copy the
 * whole exchange for every new call. It follows the settings, not the billing service, as
 * {@link CgratesComponent#isEnabled()} does while that service restarts after a settings change: a fail-closed
 * platform must not let calls through unbilled meanwhile. Gone with the bundle.
 */
@Component(immediate = true, configurationPid = CgratesSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class BillingVariable {

    /** The global variable, {@code true} while billing is on. */
    static final String NAME = "cgrates-enabled";

    /** Warnings about the settings are CgratesServiceComponent's to log, once. */
    private final SettingsReader<CgratesSettings> settings =
            new SettingsReader<>(CgratesSettings.PID, CgratesSettings.class, warning -> {});

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext camelContext;

    @Activate
    @Modified
    void apply(Map<String, Object> config) {
        // a null value removes a global variable
        camelContext.setVariable(NAME, settings.read(config).enabled() ? Boolean.TRUE : null);
    }

    @Deactivate
    void deactivate() {
        camelContext.setVariable(NAME, null);
    }
}
