package io.switchboard.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.BeanRepository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Lets routes find OSGi services by name ({@code #myBean}, a component scheme, a DataSource) and by
 * type. A service is known by its {@code camel.name}, {@code dataSourceName} or
 * {@code osgi.jndi.service.name} property. Services taken are released when the context stops.
 */
final class OsgiBeanRepository implements BeanRepository {

    static final String NAME_PROPERTY = "camel.name";

    private final BundleContext bundleContext;
    private final Set<ServiceReference<?>> taken = ConcurrentHashMap.newKeySet();

    OsgiBeanRepository(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public Object lookupByName(String name) {
        ServiceReference<?>[] refs = references(null, nameFilter(name));
        return refs.length == 0 ? null : take(best(refs));
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        ServiceReference<?>[] refs = references(type.getName(), nameFilter(name));
        if (refs.length == 0) {
            return null;
        }
        Object service = take(best(refs));
        return type.isInstance(service) ? type.cast(service) : null;
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        Map<String, T> found = new LinkedHashMap<>();
        for (ServiceReference<?> ref : references(type.getName(), null)) {
            Object service = take(ref);
            if (type.isInstance(service)) {
                found.put(nameOf(ref), type.cast(service));
            }
        }
        return found;
    }

    @Override
    public <T> Set<T> findByType(Class<T> type) {
        return Set.copyOf(findByTypeWithName(type).values());
    }

    /** Releases every service this repository handed out. */
    void close() {
        for (ServiceReference<?> ref : taken) {
            try {
                bundleContext.ungetService(ref);
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping: nothing to release
            }
        }
        taken.clear();
    }

    private Object take(ServiceReference<?> ref) {
        Object service = bundleContext.getService(ref);
        if (service != null && !taken.add(ref)) {
            bundleContext.ungetService(ref); // counted once per reference, released in close()
        }
        return service;
    }

    private ServiceReference<?>[] references(String clazz, String filter) {
        try {
            ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(clazz, filter);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            return new ServiceReference<?>[0];
        }
    }

    private static ServiceReference<?> best(ServiceReference<?>[] refs) {
        ServiceReference<?> best = refs[0];
        for (ServiceReference<?> ref : refs) {
            if (ref.compareTo(best) > 0) {
                best = ref; // highest ranking, then oldest
            }
        }
        return best;
    }

    private static String nameOf(ServiceReference<?> ref) {
        for (String key : new String[] {NAME_PROPERTY, "dataSourceName", "osgi.jndi.service.name"}) {
            Object value = ref.getProperty(key);
            if (value != null) {
                return value.toString();
            }
        }
        return "service-" + ref.getProperty("service.id");
    }

    private static String nameFilter(String name) {
        String n = escape(name);
        return "(|(" + NAME_PROPERTY + "=" + n + ")(dataSourceName=" + n + ")(osgi.jndi.service.name=" + n + "))";
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
