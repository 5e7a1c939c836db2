package io.switchboard.http.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.netty.http.HttpServerBootstrapFactory;
import org.apache.camel.component.netty.http.HttpServerInitializerFactory;
import org.apache.camel.component.netty.http.NettyHttpComponent;
import org.apache.camel.component.netty.http.NettyHttpConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The {@code netty-http} component of the platform's REST API: netty-http with JSON errors for everything
 * the server answers itself (404, 405, 401) and for failed exchanges, the checks a browser cannot pass
 * ({@link HostCheck}, {@link JsonContentCheck}) and an optional bearer token before any route, and only the
 * response headers a route sets. One instance per server binding (host, port, token, allowed hosts).
 */
final class ApiHttpComponent extends NettyHttpComponent {

    private final HttpSettings settings;
    private final RestIndex index;
    private final Map<String, HttpServerBootstrapFactory> servers = new ConcurrentHashMap<>();

    ApiHttpComponent(HttpSettings settings, RestIndex index) {
        this.settings = settings;
        this.index = index;
        ApiHeaderFilter filter = new ApiHeaderFilter();
        setHeaderFilterStrategy(filter);
        setNettyHttpBinding(new JsonErrorBinding(filter));
    }

    @Override
    protected HttpServerBootstrapFactory getOrCreateHttpNettyServerBootstrapFactory(NettyHttpConsumer consumer) {
        return servers.computeIfAbsent(consumer.getConfiguration().getAddress(), address -> {
            HttpServerBootstrapFactory factory = new HttpServerBootstrapFactory(
                    getMultiplexChannelHandler(consumer.getConfiguration().getPort()));
            factory.init(getCamelContext(), consumer.getConfiguration(), new Initializer(consumer));
            return factory;
        });
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        ServiceHelper.stopService(servers.values());
        servers.clear();
    }

    /**
     * netty-http's pipeline plus, right before the request dispatcher and in this order: JSON errors, the
     * {@code Host}/{@code Origin} check, the token check, the JSON body type check.
     */
    private final class Initializer extends HttpServerInitializerFactory {

        Initializer(NettyHttpConsumer consumer) {
            super(consumer);
        }

        @Override
        protected void initChannel(Channel ch) throws Exception {
            super.initChannel(ch);
            ChannelPipeline pipeline = ch.pipeline();
            // below every handler that answers, so that it sees every response
            pipeline.addBefore("handler", "switchboard-metrics", ResponseCounter.INSTANCE);
            pipeline.addBefore("handler", "switchboard-errors", new JsonErrorResponses(index));
            pipeline.addBefore("handler", "switchboard-host", new HostCheck(settings.hosts()));
            if (settings.authenticated()) {
                pipeline.addBefore("handler", "switchboard-auth", new BearerTokenCheck(settings.token()));
            }
            pipeline.addBefore("handler", "switchboard-json", new JsonContentCheck());
        }
    }
}
