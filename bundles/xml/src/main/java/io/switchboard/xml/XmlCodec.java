package io.switchboard.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.glassfish.jaxb.runtime.v2.JAXBContextFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * JAXB marshalling for feature bundles, safe to use inside OSGi.
 * <p>
 * The JAXB API finds its runtime through {@code ServiceLoader} and the thread context class loader, which
 * in OSGi sees neither the runtime nor the caller's classes. This bundle embeds the GlassFish JAXB 4 runtime
 * privately and creates contexts with its factory directly; callers pass their own annotated classes
 * (resolved through their own bundle's class loader), so only {@code jakarta.xml.bind.annotation} is
 * shared. Thread-safe: one codec per model, reused ({@link JAXBContext} is expensive, marshallers are not).
 * <p>
 * Input is parsed with DOM, hardened (no DTD, no external entities), optionally validated against an XSD,
 * and may have its namespace rewritten ({@link #unmarshal(byte[], Map)}) to accept known misspellings.
 */
public final class XmlCodec {

    private final JAXBContext context;
    private final Schema schema;

    private XmlCodec(JAXBContext context, Schema schema) {
        this.context = context;
        this.schema = schema;
    }

    /**
     * A codec for these JAXB classes (and the classes they reference).
     *
     * @param xsd an XML schema every input must satisfy, or null for none
     */
    public static XmlCodec of(URL xsd, Class<?>... classes) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(XmlCodec.class.getClassLoader());
        try {
            JAXBContext ctx = new JAXBContextFactory().createContext(classes, Map.of());
            Schema schema = null;
            if (xsd != null) {
                SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                schema = sf.newSchema(xsd);
            }
            return new XmlCodec(ctx, schema);
        } catch (JAXBException | SAXException e) {
            throw new IllegalStateException(
                    "cannot create a JAXB context for " + Arrays.toString(classes) + ": " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * The document as bytes in {@code charset}, starting with exactly
     * {@code <?xml version="1.0" encoding="<charset>"?>} (JAXB's own declaration adds {@code standalone}).
     * Characters the charset cannot hold are written as character references.
     */
    public byte[] marshal(Object root, Charset charset) {
        try {
            Marshaller m = context.createMarshaller();
            m.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            m.setProperty(Marshaller.JAXB_ENCODING, charset.name());
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            Writer w = new OutputStreamWriter(out, charset);
            w.write("<?xml version=\"1.0\" encoding=\"" + charset.name() + "\"?>\n");
            w.flush();
            m.marshal(root, out);
            return out.toByteArray();
        } catch (JAXBException | IOException e) {
            throw new IllegalStateException("cannot marshal " + root + ": " + e, e);
        }
    }

    /** Reads a document (its encoding from its declaration, default UTF-8), validated when the codec has a schema. */
    public Object unmarshal(byte[] xml) throws XmlException {
        return unmarshal(xml, Map.of());
    }

    /**
     * Like {@link #unmarshal(byte[])}, but elements in a namespace that is a key of {@code namespaceAliases}
     * are first moved to the namespace it maps to (e.g. a known misspelling to the real one).
     */
    public Object unmarshal(byte[] xml, Map<String, String> namespaceAliases) throws XmlException {
        Document doc = parse(xml);
        if (!namespaceAliases.isEmpty()) {
            rename(doc, doc.getDocumentElement(), namespaceAliases);
        }
        try {
            Unmarshaller u = context.createUnmarshaller();
            if (schema != null) {
                u.setSchema(schema);
            }
            return u.unmarshal(doc);
        } catch (UnmarshalException e) {
            throw new XmlException(reason(e), e);
        } catch (JAXBException e) {
            throw new XmlException("cannot read the document: " + e.getMessage(), e);
        }
    }

    /** Parses with DTDs and external entities off; the message of the exception is a one-line reason. */
    public static Document parse(byte[] xml) throws XmlException {
        if (xml == null || xml.length == 0) {
            throw new XmlException("empty body");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new XmlException("malformed XML at line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new XmlException("malformed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rename(Document doc, Element e, Map<String, String> aliases) {
        NodeList children = e.getChildNodes();
        Node[] copy = new Node[children.getLength()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = children.item(i);
        }
        String target = e.getNamespaceURI() == null ? null : aliases.get(e.getNamespaceURI());
        Element renamed = target == null ? e : (Element) doc.renameNode(e, target, e.getLocalName());
        for (Node c : copy) {
            if (c instanceof Element ce) {
                rename(doc, ce, aliases);
            }
        }
        if (renamed != e) {
            renamed.removeAttribute("xmlns");
        }
    }

    private static String reason(UnmarshalException e) {
        Throwable c = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
        if (c instanceof SAXParseException p) {
            return "schema-invalid: " + p.getMessage();
        }
        String m = c != null ? c.getMessage() : e.getMessage();
        return "schema-invalid: " + (m == null ? e.toString() : m);
    }
}
