package io.switchboard.sdp.internal;

import io.switchboard.sdp.SdpHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** {@code sdp:parse[?role=auto]} and {@code sdp:edit?keepCodecs=..&direction=..}: producers only. */
@UriEndpoint(
        firstVersion = "4.14.1",
        scheme = "sdp",
        title = "SDP tools for routes (Switchboard)",
        syntax = "sdp:action",
        producerOnly = true,
        category = {Category.NETWORKING},
        headersClass = SdpHeaders.class)
public class SdpEndpoint extends DefaultEndpoint {

    @UriParam
    private final SdpConfiguration configuration;

    SdpEndpoint(String uri, SdpComponent component, SdpConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    public SdpConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        return new SdpProducer(this, SdpEditing.of(configuration));
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("sdp:" + configuration.getAction() + " is a producer only");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
