package io.switchboard.http;

import org.apache.camel.builder.RouteBuilder;

/**
 * REST endpoints a capability bundle contributes (Camel REST DSL: rest("/api/...")...); publish as an OSGi
 * service of this type. The http bundle adds them to the platform CamelContext once the HTTP server and REST
 * configuration are in place, and removes them when the service goes away.
 */
public abstract class RestRoutes extends RouteBuilder {}
