package io.switchboard.esl.internal;

import io.switchboard.settings.SettingsReader;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file {@code etc/io.switchboard.esl.server-<name>.cfg} (factory PID {@code io.switchboard.esl.server}): one
 * FreeSWITCH server of the cluster. The esl component follows these services; a changed file replaces the service,
 * and the server's connection reconnects with the new settings.
 */
@Component(
        service = EslServerConfig.class,
        configurationPid = EslServerSettings.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EslServerSettings.class, factory = true)
public class EslServerConfig {

    private static final Logger LOG = LoggerFactory.getLogger(EslServerConfig.class);

    private ServerDefinition definition;

    @Activate
    void activate(Map<String, Object> properties) {
        SettingsReader<EslServerSettings> reader =
                new SettingsReader<>(EslServerSettings.FACTORY_PID, EslServerSettings.class, LOG::warn);
        EslServerSettings s = reader.read(properties);
        String name = s.name().isBlank() ? nameOf(properties) : s.name();
        definition = ServerDefinition.of(name, s);
    }

    ServerDefinition definition() {
        return definition;
    }

    /** The name a file gives: the part after {@code server-} of {@code io.switchboard.esl.server-<name>.cfg}. */
    static String nameOf(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            int i = f.lastIndexOf("io.switchboard.esl.server-");
            if (i >= 0) {
                String rest = f.substring(i + "io.switchboard.esl.server-".length());
                return rest.endsWith(".cfg") ? rest.substring(0, rest.length() - 4) : rest;
            }
        }
        Object pid = properties.get("service.pid");
        return pid == null ? "default" : pid.toString();
    }
}
