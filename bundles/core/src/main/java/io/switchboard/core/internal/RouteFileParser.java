package io.switchboard.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dsl.xml.io.XmlModelParser;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.xml.io.XmlPullParserLocationException;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Turns the bytes of one route file into route definitions, or refuses the whole file with its line, column and
 * reason. In this order: well-formed XML without a DOCTYPE; a root {@code <routes>} or {@code <route>} in the
 * namespace {@value #NAMESPACE}; valid against Camel's own XML DSL schema ({@code camel-xml-io.xsd}); then Camel's
 * XML DSL parser, which also refuses unknown elements and attributes. Nothing is cached between calls: the
 * next version of a file is judged on its own (Camel's {@code XmlRoutesBuilderLoader} keeps a per-location cache
 * that remembered a broken version, and answered a non-well-formed file with no routes at all).
 */
final class RouteFileParser {

    /** The namespace of Camel's XML DSL (camel-xml-io); the one namespace route files may use. */
    static final String NAMESPACE = "http://camel.apache.org/schema/xml-io";

    private static final String XSD = "/camel-xml-io.xsd";
    private static volatile Schema schema;

    private final CamelContext context;

    RouteFileParser(CamelContext context) {
        this.context = context;
    }

    /** The routes the file declares (none for an empty {@code <routes/>}), ids not yet defaulted. */
    List<RouteDefinition> parse(Path file, byte[] content) throws RouteFileException {
        String name = file.getFileName().toString();
        if (isBlank(content)) {
            throw new RouteFileException(
                    name,
                    0,
                    0,
                    "the file is empty; a file that serves no routes is <routes xmlns=\"" + NAMESPACE + "\"/>");
        }
        validate(name, content);
        Resource resource = ResourceHelper.fromBytes("file:" + file, content);
        RoutesDefinition definitions;
        try {
            definitions = new XmlModelParser(resource, NAMESPACE)
                    .parseRoutesDefinition()
                    .orElseGet(RoutesDefinition::new);
        } catch (XmlPullParserLocationException e) {
            throw new RouteFileException(name, e.getLineNumber(), e.getColumnNumber(), firstLine(e.getMessage()));
        } catch (Exception e) {
            throw new RouteFileException(name, 0, 0, RouteFileException.describe(e));
        }
        RouteBuilder builder = new RouteBuilder() {
            @Override
            public void configure() {
                // prepared like Java DSL routes, as Camel's XML loader does
                for (RouteDefinition route : definitions.getRoutes()) {
                    CamelContextAware.trySetCamelContext(route, getCamelContext());
                    getRouteCollection().route(route);
                }
            }
        };
        builder.setResource(resource);
        try {
            return builder.configureRoutes(context).getRoutes();
        } catch (Exception e) {
            throw new RouteFileException(name, 0, 0, RouteFileException.describe(e));
        }
    }

    /** Well-formedness, the root element and the XML DSL schema in one SAX pass. */
    private static void validate(String name, byte[] content) throws RouteFileException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            ValidatorHandler validator = schema().newValidatorHandler();
            RootCheck root = new RootCheck(reader);
            root.setContentHandler(validator);
            root.setErrorHandler(Strict.INSTANCE);
            validator.setErrorHandler(Strict.INSTANCE);
            root.parse(new InputSource(new ByteArrayInputStream(content)));
        } catch (SAXParseException e) {
            throw new RouteFileException(name, e.getLineNumber(), e.getColumnNumber(), shorten(e.getMessage()));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new RouteFileException(name, 0, 0, RouteFileException.describe(e));
        }
    }

    /** Compiled once, at the first route file (about half a second), then shared: a Schema is thread-safe. */
    private static Schema schema() throws SAXException {
        Schema s = schema;
        if (s == null) {
            synchronized (RouteFileParser.class) {
                s = schema;
                if (s == null) {
                    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                    URL xsd = XmlModelParser.class.getResource(XSD);
                    if (xsd == null) {
                        throw new SAXException(XSD + " not found beside Camel's XML DSL parser");
                    }
                    s = f.newSchema(xsd);
                    schema = s;
                }
            }
        }
        return s;
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Schema messages name the namespace at every element and list every element that may come: keep the gist. */
    static String shorten(String message) {
        if (message == null) {
            return "invalid";
        }
        String m = message.replace("{\"" + NAMESPACE + "\":", "{").replace("\"" + NAMESPACE + "\":", "");
        int list = m.indexOf(" One of '{");
        if (list >= 0) {
            m = m.substring(0, list) + " (not an element of the Camel XML DSL here)";
        }
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Refuses a root element other than routes/route of the XML DSL namespace, with a reason that says which. */
    private static final class RootCheck extends XMLFilterImpl {
        private Locator locator;
        private boolean rootSeen;

        RootCheck(XMLReader parent) {
            super(parent);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            super.setDocumentLocator(locator);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (!rootSeen) {
                rootSeen = true;
                if (!NAMESPACE.equals(uri)) {
                    throw new SAXParseException(
                            "root element <" + qName + "> is in namespace '" + uri + "'; route files use xmlns=\""
                                    + NAMESPACE + "\"",
                            locator);
                }
                if (!"routes".equals(localName) && !"route".equals(localName)) {
                    throw new SAXParseException(
                            "root element <" + qName + ">: a route file holds <routes> or <route>", locator);
                }
            }
            super.startElement(uri, localName, qName, atts);
        }
    }

    /** Every warning-free problem is fatal: a file with a schema error is refused, not loaded with a log line. */
    private enum Strict implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException exception) {
            // warnings (such as an unused namespace) do not refuse a file
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}
