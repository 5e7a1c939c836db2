package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** {@code <SPT>}: a service point trigger; exactly one of the five conditions is set. */
@XmlType(
        propOrder = {
            "conditionNegated",
            "groups",
            "requestUri",
            "method",
            "sipHeader",
            "sessionCase",
            "sessionDescription",
            "extension"
        })
public class Spt {

    @XmlElement(name = "ConditionNegated")
    public Integer conditionNegated;

    @XmlElement(name = "Group", required = true)
    public List<Integer> groups = new ArrayList<>();

    @XmlElement(name = "RequestURI")
    public String requestUri;

    @XmlElement(name = "Method")
    public String method;

    @XmlElement(name = "SIPHeader")
    public HeaderCondition sipHeader;

    @XmlElement(name = "SessionCase")
    public Integer sessionCase;

    @XmlElement(name = "SessionDescription")
    public SdpCondition sessionDescription;

    @XmlElement(name = "Extension")
    public SptExtension extension;

    /** {@code <SIPHeader>}: a header name and a regular expression for its value (absent: the header is there). */
    @XmlType(propOrder = {"header", "content"})
    public static class HeaderCondition {
        @XmlElement(name = "Header", required = true)
        public String header;

        @XmlElement(name = "Content")
        public String content;
    }

    /** {@code <SessionDescription>}: an SDP line type ({@code m}, {@code a} ...) and a regular expression. */
    @XmlType(propOrder = {"line", "content"})
    public static class SdpCondition {
        @XmlElement(name = "Line", required = true)
        public String line;

        @XmlElement(name = "Content")
        public String content;
    }

    /** {@code <Extension>}: RegistrationType values for REGISTER (0 initial, 1 re-, 2 de-registration). */
    public static class SptExtension {
        @XmlElement(name = "RegistrationType")
        public List<Integer> registrationTypes = new ArrayList<>();
    }
}
