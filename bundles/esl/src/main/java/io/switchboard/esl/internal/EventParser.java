package io.switchboard.esl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the event carried by an event frame, in any of FreeSWITCH's three formats:
 * <ul>
 * <li>{@code text/event-plain}: the body is itself a header block with URL-encoded values, then, when the event has
 * a body, its own {@code Content-Length} and that many characters after an empty line;</li>
 * <li>{@code text/event-json}: one JSON object of header names to strings, the event body under {@code _body}
 * (an array header comes as a JSON array and is given in the plain format's {@code ARRAY::a|:b} form);</li>
 * <li>{@code text/event-xml}: {@code <event><headers><Name>value</Name>...</headers><body>...</body></event>},
 * header values URL-encoded as in the plain format.</li>
 * </ul>
 * A body that is none of these is a {@link CorruptedFrameException}, as for a broken frame.
 */
final class EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DocumentBuilderFactory XML = hardened();

    private EventParser() {}

    /** True when the frame carries an event. */
    static boolean isEvent(EslMessage m) {
        String t = m.contentType();
        return t.equals(EslMessage.EVENT_PLAIN) || t.equals(EslMessage.EVENT_JSON) || t.equals(EslMessage.EVENT_XML);
    }

    static EslEvent parse(EslMessage m) {
        String body = m.body() == null ? "" : m.body();
        return switch (m.contentType()) {
            case EslMessage.EVENT_PLAIN -> plain(body);
            case EslMessage.EVENT_JSON -> json(body);
            case EslMessage.EVENT_XML -> xml(body);
            default -> throw new IllegalArgumentException("not an event: " + m.contentType());
        };
    }

    static EslEvent plain(String body) {
        int end = headerEnd(body);
        String block = end < 0 ? body : body.substring(0, end);
        Map<String, String> headers = HeaderBlock.parse(block);
        String length = headers.remove("Content-Length");
        if (length == null || end < 0) {
            return new EslEvent(headers, null);
        }
        int start = body.charAt(end + 1) == '\r' ? end + 3 : end + 2;
        int n;
        try {
            n = Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            throw new CorruptedFrameException("event Content-Length is not a number: " + HeaderBlock.excerpt(length));
        }
        // the inner length counts bytes; FreeSWITCH bodies are text: take what is there, up to the length
        String rest = body.substring(Math.min(start, body.length()));
        byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
        if (n < 0 || n > bytes.length) {
            throw new CorruptedFrameException("event Content-Length " + n + " but " + bytes.length + " bytes follow");
        }
        return new EslEvent(headers, new String(bytes, 0, n, StandardCharsets.UTF_8));
    }

    /** The index of the line feed that ends the inner header block ("\n\n" or "\n\r\n"), -1 if none. */
    private static int headerEnd(String s) {
        int i = s.indexOf('\n');
        while (i >= 0 && i + 1 < s.length()) {
            char c = s.charAt(i + 1);
            if (c == '\n' || (c == '\r' && i + 2 < s.length() && s.charAt(i + 2) == '\n')) {
                return i;
            }
            i = s.indexOf('\n', i + 1);
        }
        return -1;
    }

    static EslEvent json(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CorruptedFrameException("text/event-json body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CorruptedFrameException("text/event-json body is not a JSON object");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String eventBody = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("_body")) {
                eventBody = f.getValue().asText();
            } else {
                headers.put(f.getKey(), text(f.getValue()));
            }
        }
        return new EslEvent(headers, eventBody);
    }

    private static String text(JsonNode v) {
        if (!v.isArray()) {
            return v.isValueNode() ? v.asText() : v.toString();
        }
        StringBuilder sb = new StringBuilder("ARRAY::");
        for (int i = 0; i < v.size(); i++) {
            sb.append(i == 0 ? "" : "|:").append(v.get(i).asText());
        }
        return sb.toString();
    }

    static EslEvent xml(String body) {
        Document doc;
        try {
            DocumentBuilder b = XML.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new InputSource(new StringReader(body)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new CorruptedFrameException("text/event-xml body is not XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("event")) {
            throw new CorruptedFrameException("text/event-xml body is not an <event>: <" + root.getTagName() + ">");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String eventBody = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            if (e.getTagName().equals("headers")) {
                for (Node h = e.getFirstChild(); h != null; h = h.getNextSibling()) {
                    if (h instanceof Element he) {
                        headers.put(he.getTagName(), UrlDecoding.decode(he.getTextContent()));
                    }
                }
            } else if (e.getTagName().equals("body")) {
                eventBody = e.getTextContent();
            }
        }
        return new EslEvent(headers, eventBody);
    }

    /** No DTD, no external entities: an event is data, never a reason to open a file or a URL. */
    private static DocumentBuilderFactory hardened() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        return f;
    }
}
