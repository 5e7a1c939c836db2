package io.switchboard.core.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when the platform is ready to serve SIP: the route files are loaded, Karaf has installed the boot features and
 * the framework has reached its start level ({@link ReadinessLatch}). Then, once, it registers a plain
 * {@link BooleanSupplier} service with {@value #PROPERTY}={@value #VALUE}; the sip component answers 503 with
 * Retry-After until it sees one ({@code docs/decisions.md} §32). Karaf's {@code BootFinished} is watched by its class
 * name, so the core imports nothing of Karaf's features bundle and runs without it (then only the framework's start
 * level counts).
 */
final class PlatformReadiness implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformReadiness.class);

    static final String PROPERTY = "switchboard.platform";
    static final String VALUE = "ready";
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private final BundleContext bundleContext;
    private final ReadinessLatch latch = new ReadinessLatch();
    private final FrameworkListener started = this::frameworkEvent;
    private final ServiceTracker<Object, Object> bootFinished;
    private volatile ServiceRegistration<BooleanSupplier> registration;
    private volatile boolean closed;

    PlatformReadiness(BundleContext bundleContext) throws InvalidSyntaxException {
        this.bundleContext = bundleContext;
        this.bootFinished =
                new ServiceTracker<>(
                        bundleContext,
                        bundleContext.createFilter("(" + Constants.OBJECTCLASS + "=" + BOOT_FINISHED + ")"),
                        null) {
                    @Override
                    public Object addingService(ServiceReference<Object> reference) {
                        met(ReadinessLatch.Condition.BOOT_FINISHED);
                        return reference;
                    }
                };
    }

    /** Starts watching the framework and Karaf. */
    void open() {
        bundleContext.addFrameworkListener(started);
        if (frameworkStarted()) {
            met(ReadinessLatch.Condition.FRAMEWORK_STARTED);
        }
        if (!karafFeaturesPresent()) {
            met(ReadinessLatch.Condition.BOOT_FINISHED); // not Karaf: nothing installs boot features
        }
        bootFinished.open(true);
    }

    /** The route watcher's first load is done. */
    void routesLoaded() {
        met(ReadinessLatch.Condition.ROUTES_LOADED);
    }

    /** True once the platform-ready service is registered. */
    boolean ready() {
        return registration != null;
    }

    @Override
    public void close() {
        closed = true;
        bundleContext.removeFrameworkListener(started);
        bootFinished.close();
        ServiceRegistration<BooleanSupplier> r = registration;
        registration = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
            startLevelReached();
        }
    }

    private void met(ReadinessLatch.Condition condition) {
        if (!latch.met(condition)) {
            LOG.debug("Platform readiness: {} met, waiting for {}", condition, latch.missing());
            return;
        }
        if (closed) {
            return;
        }
        BooleanSupplier serving = () -> !closed;
        registration =
                bundleContext.registerService(BooleanSupplier.class, serving, new Hashtable<>(Map.of(PROPERTY, VALUE)));
        LOG.info("Platform ready: route files loaded, boot features installed, framework started");
    }

    /**
     * True when the framework's start level is past every installed bundle's: all bundles have been started. Karaf
     * starts the framework at start level 1 (its lock level, where {@code FrameworkEvent.STARTED} fires) and then
     * raises it to 100, starting the platform's bundles at level 80 one by one; the core runs in the middle of that.
     */
    private boolean frameworkStarted() {
        Bundle system = bundleContext.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        FrameworkStartLevel levels = system.adapt(FrameworkStartLevel.class);
        if (system.getState() != Bundle.ACTIVE || levels == null) {
            return system.getState() == Bundle.ACTIVE;
        }
        return levels.getStartLevel() > highestBundleLevel();
    }

    /** A start level reached: met when it is past every bundle's (the event comes once the level's bundles started). */
    private void startLevelReached() {
        Bundle system = bundleContext.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        FrameworkStartLevel levels = system.adapt(FrameworkStartLevel.class);
        if (levels == null || levels.getStartLevel() >= highestBundleLevel()) {
            met(ReadinessLatch.Condition.FRAMEWORK_STARTED);
        }
    }

    private int highestBundleLevel() {
        int highest = 0;
        for (Bundle b : bundleContext.getBundles()) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            if (level != null) {
                highest = Math.max(highest, level.getStartLevel());
            }
        }
        return highest;
    }

    private boolean karafFeaturesPresent() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.apache.karaf.features.core".equals(b.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }
}
