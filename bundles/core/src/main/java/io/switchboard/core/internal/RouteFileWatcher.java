package io.switchboard.core.internal;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.core.RouteFiles;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.Route;
import org.apache.camel.component.direct.DirectConsumer;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routes of a folder of Camel XML DSL files in service: loads every {@code *.xml} at
 * start and reloads a file when it is added, changed or removed. A file that fails to load is
 * reported and the routes of its previous version stay in service; failed files are tried again
 * when {@link #retryFailed()} is called (a component they need may have arrived).
 */
final class RouteFileWatcher implements RouteFiles, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileWatcher.class);
    /** Editors write a file in several steps: wait this long for the writes to settle. */
    private static final long SETTLE_MILLIS = 40;
    /** How often a retiring route's exchanges in flight are counted. */
    private static final long INFLIGHT_POLL_MILLIS = 2;
    /** Stop time of a route whose only exchanges in flight wait in their components: Camel forces it then. */
    private static final long FORCE_MILLIS = 20;

    private final ModelCamelContext context;
    private final Path folder;
    private final RouteFileParser parser;
    private final HandoverDirectComponent handover;
    private final long stopMillis;
    private final long deleteGraceMillis;
    private final Map<Path, Loaded> files = new TreeMap<>();
    private WatchService watchService;
    private Thread thread;

    /** The current state of one file: its routes in service and the outcome of its last load. */
    private record Loaded(List<RouteDefinition> routes, byte[] digest, RouteFileStatus status) {}

    /**
     * @param handover   the context's {@code direct:} component, told when versions are swapped
     * @param stopMillis how long the routes of a replaced or deleted version get to finish their exchanges
     * @param deleteGraceMillis how long the routes of a deleted file stay in service: an editor that saves by
     *                   deleting and writing again does not take them down
     */
    RouteFileWatcher(
            ModelCamelContext context,
            Path folder,
            HandoverDirectComponent handover,
            long stopMillis,
            long deleteGraceMillis) {
        this.context = context;
        this.folder = folder.toAbsolutePath().normalize();
        this.parser = new RouteFileParser(context);
        this.handover = handover;
        this.stopMillis = stopMillis;
        this.deleteGraceMillis = deleteGraceMillis;
    }

    /** Loads every file of the folder, then watches it. */
    void start() throws IOException {
        Files.createDirectories(folder);
        watchService = folder.getFileSystem().newWatchService();
        folder.register(
                watchService,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        reloadAll();
        thread = new Thread(this::watch, "switchboard-route-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Watching {} for Camel XML routes", folder);
    }

    @Override
    public void close() {
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing the watch service", e);
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public synchronized List<RouteFileStatus> status() {
        return files.values().stream().map(Loaded::status).toList();
    }

    @Override
    public synchronized void reloadAll() {
        Set<Path> present = new TreeSet<>(listXmlFiles());
        for (Path gone : new ArrayList<>(files.keySet())) {
            if (!present.contains(gone)) {
                unload(gone);
            }
        }
        present.forEach(file -> load(file, true));
    }

    /** Tries again every file whose last load failed. */
    synchronized void retryFailed() {
        for (Map.Entry<Path, Loaded> e : new ArrayList<>(files.entrySet())) {
            if (e.getValue().status().state() == RouteFileStatus.State.FAILED) {
                load(e.getKey(), true);
            }
        }
    }

    /**
     * The files whose routes have an endpoint of component {@code scheme}: their {@code from}, {@code to} and
     * {@code poll} (placeholders resolved), so that the context reloads only those when the component goes
     * ({@link PlatformCamelContext}). Endpoints a route makes at run time ({@code toD}, {@code enrich},
     * {@code wireTap}, a recipient list) are not its own and keep no route of it.
     */
    synchronized List<Path> filesUsing(String scheme) {
        List<Path> users = new ArrayList<>();
        for (Map.Entry<Path, Loaded> e : files.entrySet()) {
            if (uses(e.getValue().routes(), scheme)) {
                users.add(e.getKey());
            }
        }
        return users;
    }

    /** Loads these files again (each as if just written); a file gone meanwhile is unloaded. */
    synchronized void reload(List<Path> which) {
        for (Path file : which) {
            if (Files.isRegularFile(file)) {
                load(file, true);
            } else {
                unload(file);
            }
        }
    }

    private boolean uses(List<RouteDefinition> routes, String scheme) {
        for (String uri : endpointUris(routes)) {
            if (scheme.equals(schemeOf(uri))) {
                return true;
            }
        }
        return false;
    }

    /** The static endpoint URIs of these routes: their inputs and their {@code to}s and {@code poll}s, at any depth. */
    private static List<String> endpointUris(List<RouteDefinition> routes) {
        List<String> uris = new ArrayList<>();
        for (RouteDefinition route : routes) {
            if (route.getInput() != null && route.getInput().getEndpointUri() != null) {
                uris.add(route.getInput().getEndpointUri());
            }
            for (EndpointRequiredDefinition d : ProcessorDefinitionHelper.filterTypeInOutputs(
                    route.getOutputs(), EndpointRequiredDefinition.class)) {
                if (d.getEndpointUri() != null) {
                    uris.add(d.getEndpointUri());
                }
            }
        }
        return uris;
    }

    /** The component scheme of {@code uri}, placeholders resolved; null when a placeholder does not resolve. */
    private String schemeOf(String uri) {
        String resolved;
        try {
            resolved = context.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException unresolvable) {
            return null;
        }
        int colon = resolved.indexOf(':');
        return colon < 0 ? resolved : resolved.substring(0, colon);
    }

    /**
     * Fails with the first endpoint whose component is not there yet, before any route of the file is built: Camel
     * starts a file's routes one by one, so a file whose first route is the SIP listener and whose second needs a
     * component still to come (registrar:save at boot) opened the SIP connector, failed, and closed it again, once
     * per component that arrived meanwhile.
     */
    private void requireComponents(List<RouteDefinition> routes) {
        for (String uri : endpointUris(routes)) {
            String scheme = schemeOf(uri);
            if (scheme != null && context.hasComponent(scheme) == null && context.getComponent(scheme) == null) {
                throw new NoSuchEndpointException(uri);
            }
        }
    }

    /** Takes a changed file into service; its previous routes are replaced only if the new version works. */
    synchronized void load(Path file, boolean force) {
        Loaded before = files.get(file);
        List<RouteDefinition> oldRoutes = before == null ? List.of() : before.routes();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            fail(file, before, file.getFileName() + ": cannot read: " + e.getMessage(), e);
            return;
        }
        byte[] digest = digest(content);
        if (!force
                && before != null
                && before.status().state() == RouteFileStatus.State.LOADED
                && Arrays.equals(before.digest(), digest)) {
            return; // a second event for the same write
        }
        List<RouteDefinition> newRoutes;
        try {
            newRoutes = parse(file, content);
            checkIds(file, newRoutes);
            requireComponents(newRoutes);
        } catch (RouteFileException e) {
            fail(file, before, e.getMessage(), e);
            return;
        } catch (RuntimeException e) {
            fail(file, before, file.getFileName() + ": " + RouteFileException.describe(e), e);
            return;
        }
        try {
            swap(oldRoutes, newRoutes);
        } catch (Exception e) {
            fail(file, before, file.getFileName() + ": " + RouteFileException.describe(e), e);
            return;
        }
        List<String> ids = newRoutes.stream().map(RouteDefinition::getRouteId).toList();
        files.put(
                file,
                new Loaded(
                        newRoutes,
                        digest,
                        new RouteFileStatus(file, RouteFileStatus.State.LOADED, ids, null, Instant.now())));
        LOG.info("Loaded routes {} from {}", ids, file.getFileName());
    }

    /** Takes the routes of a removed file out of service. */
    synchronized void unload(Path file) {
        Loaded before = files.remove(file);
        if (before == null) {
            return;
        }
        try {
            retire(before.routes());
            context.removeRouteDefinitions(before.routes());
            LOG.info("Removed routes {} of deleted file {}", before.status().routeIds(), file.getFileName());
        } catch (Exception e) {
            LOG.error("Could not remove the routes of deleted file {}", file.getFileName(), e);
        }
    }

    private List<RouteDefinition> parse(Path file, byte[] content) throws RouteFileException {
        List<RouteDefinition> routes = parser.parse(file, content);
        String base = file.getFileName().toString().replaceFirst("\\.xml$", "");
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).getRouteId() == null) {
                routes.get(i).routeId(base + "-" + (i + 1)); // stable ids so a reload replaces them
            }
        }
        return routes;
    }

    /**
     * Takes the old version's routes out and puts the new one's in. The old routes get {@code stopMillis} to finish
     * the exchanges they hold; an exchange still in flight then (a call still ringing: the proxy holds its INVITE's
     * exchange until the final response) is finished by the component that holds it, not by the route. Producers
     * of {@code direct:} wait for the new version's consumers meanwhile ({@link HandoverDirectComponent}).
     */
    private void swap(List<RouteDefinition> oldRoutes, List<RouteDefinition> newRoutes) throws Exception {
        handover.begin();
        try {
            retire(oldRoutes);
            context.removeRouteDefinitions(oldRoutes);
            context.addRouteDefinitions(newRoutes);
        } catch (Exception e) {
            restore(newRoutes, oldRoutes);
            throw e;
        } finally {
            handover.end();
        }
    }

    /**
     * Stops routes so that no exchange they hold is cut short needlessly: their {@code direct:} consumers stop taking
     * exchanges first (new ones wait in the handover), then the exchanges running on a thread get up to
     * {@code stopMillis} to finish, checked every few milliseconds (Camel's shutdown strategy looks once a second),
     * then the routes stop. Exchanges that a component holds while it waits for the network ({@link
     * Exchange#ASYNC_WAIT}: the proxy until a call's final response, for as long as a phone rings) are not waited for:
     * they hold no thread, and their component finishes them. Waiting for them would hold the requests parked in the
     * handover, and with them the SIP workers that must read the responses those exchanges wait for.
     */
    private void retire(List<RouteDefinition> routes) throws Exception {
        List<String> running = new ArrayList<>();
        for (RouteDefinition definition : routes) {
            Route route = context.getRoute(definition.getRouteId());
            if (route != null) {
                running.add(route.getRouteId());
                if (route.getConsumer() instanceof DirectConsumer consumer) {
                    ServiceHelper.suspendService(consumer);
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopMillis);
        // a producer that took the consumer just before it was suspended hands its exchange over a moment later: the
        // routes are idle only when two looks a few milliseconds apart find nothing running (at 500 calls/s a single
        // look let an INVITE into a route being stopped, and it got 500)
        int idleLooks = 0;
        while (idleLooks < 2 && System.nanoTime() < deadline) {
            Thread.sleep(INFLIGHT_POLL_MILLIS);
            idleLooks = onThread(running) == 0 ? idleLooks + 1 : 0;
        }
        for (String id : running) {
            int waiting = context.getInflightRepository().size(id);
            // graceful when nothing is in flight; else forced at once (what is left waits in its component)
            context.getRouteController().stopRoute(id, waiting == 0 ? stopMillis : FORCE_MILLIS, TimeUnit.MILLISECONDS);
            // removed now, stopped: removeRouteDefinitions would stop it again, waiting the context's whole shutdown
            // timeout for the exchanges parked in their components
            context.removeRoute(id);
            if (waiting > 0) {
                LOG.info(
                        "Route {} replaced; {} exchanges in flight finish in the components that hold them",
                        id,
                        waiting);
            }
        }
    }

    /** Exchanges of these routes being processed on a thread now (not parked in a component, see retire). */
    private int onThread(List<String> routeIds) {
        int n = 0;
        for (String id : routeIds) {
            for (InflightRepository.InflightExchange inflight :
                    context.getInflightRepository().browse(id)) {
                if (!Boolean.TRUE.equals(inflight.getExchange().getProperty(Exchange.ASYNC_WAIT))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A route id may live in one file only; another owner keeps it. */
    private void checkIds(Path file, List<RouteDefinition> routes) {
        Set<String> seen = new HashSet<>();
        for (RouteDefinition route : routes) {
            String id = route.getRouteId();
            if (!seen.add(id)) {
                throw new IllegalArgumentException("route id '" + id + "' appears twice");
            }
            for (Map.Entry<Path, Loaded> e : files.entrySet()) {
                if (!e.getKey().equals(file) && e.getValue().status().routeIds().contains(id)) {
                    throw new IllegalArgumentException("route id '" + id + "' is already defined in "
                            + e.getKey().getFileName());
                }
            }
            Loaded mine = files.get(file);
            boolean ownedByMe = mine != null && mine.status().routeIds().contains(id);
            if (!ownedByMe && context.getRouteDefinition(id) != null) {
                throw new IllegalArgumentException("route id '" + id + "' is already used by another route");
            }
        }
    }

    /** Puts the previous version back after a failed start of the new one (still inside the handover). */
    private void restore(List<RouteDefinition> failed, List<RouteDefinition> previous) {
        try {
            List<RouteDefinition> partial = failed.stream()
                    .filter(r -> context.getRouteDefinition(r.getRouteId()) != null
                            || context.getRoute(r.getRouteId()) != null)
                    .toList();
            context.removeRouteDefinitions(partial);
            for (RouteDefinition r : failed) {
                if (context.getRoute(r.getRouteId()) != null) {
                    context.removeRoute(r.getRouteId());
                }
            }
            if (!previous.isEmpty()) {
                context.addRouteDefinitions(previous);
            }
        } catch (Exception e) {
            LOG.error(
                    "Could not restore the previous routes {}",
                    previous.stream().map(RouteDefinition::getRouteId).toList(),
                    e);
        }
    }

    private void fail(Path file, Loaded before, String error, Exception cause) {
        List<RouteDefinition> kept = before == null ? List.of() : before.routes();
        List<String> ids = kept.stream().map(RouteDefinition::getRouteId).toList();
        files.put(
                file,
                new Loaded(
                        kept,
                        null,
                        new RouteFileStatus(file, RouteFileStatus.State.FAILED, ids, error, Instant.now())));
        if (waitsForComponent(cause)) {
            LOG.info("Route file {} waits for a component: {}", file.getFileName(), error);
        } else {
            LOG.error("Route file {} rejected, routes {} stay in service: {}", file.getFileName(), ids, error);
            LOG.debug("Route file {} error", file.getFileName(), cause);
        }
    }

    private void watch() {
        try {
            Map<Path, Long> deleted = new TreeMap<>(); // file -> when its routes go, unless it comes back
            while (true) {
                WatchKey key = deleted.isEmpty()
                        ? watchService.take()
                        : watchService.poll(
                                Math.max(1, Collections.min(deleted.values()) - System.currentTimeMillis()),
                                TimeUnit.MILLISECONDS);
                Set<Path> changed = new TreeSet<>();
                boolean overflow = key != null && collect(key, changed);
                WatchKey more;
                while (key != null && (more = watchService.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    overflow |= collect(more, changed);
                }
                if (overflow) {
                    deleted.clear();
                    reloadAll();
                    continue;
                }
                for (Path file : changed) {
                    if (Files.isRegularFile(file)) {
                        deleted.remove(file);
                        load(file, false);
                    } else if (!deleted.containsKey(file) && isKnown(file)) {
                        deleted.put(file, System.currentTimeMillis() + deleteGraceMillis);
                        LOG.info(
                                "Route file {} deleted: its routes stay in service for {} ms unless it comes back",
                                file.getFileName(),
                                deleteGraceMillis);
                    }
                }
                long now = System.currentTimeMillis();
                for (Iterator<Map.Entry<Path, Long>> it = deleted.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Path, Long> e = it.next();
                    if (e.getValue() <= now) {
                        it.remove();
                        if (!Files.isRegularFile(e.getKey())) {
                            unload(e.getKey());
                        }
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stop) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Route watcher stopped", e);
        }
    }

    private synchronized boolean isKnown(Path file) {
        return files.containsKey(file);
    }

    private boolean collect(WatchKey key, Set<Path> changed) {
        boolean overflow = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflow = true;
            } else if (event.context() instanceof Path name && isXml(name)) {
                changed.add(folder.resolve(name));
            }
        }
        key.reset();
        return overflow;
    }

    private List<Path> listXmlFiles() {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.xml")) {
            stream.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    found.add(p);
                }
            });
        } catch (IOException e) {
            LOG.error("Cannot list {}", folder, e);
        }
        return found;
    }

    private static boolean waitsForComponent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a component, or a bean such as the DataSource #switchboard, whose bundle has not started yet: the file is
            // tried again when services arrive (retryFailed), so at boot this is a wait, not an error
            if (t instanceof NoSuchEndpointException || t instanceof NoSuchBeanException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isXml(Path name) {
        String n = name.toString();
        return n.endsWith(".xml") && !n.startsWith(".");
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
