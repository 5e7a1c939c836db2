package io.switchboard.ussd.internal.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** An empty element whose presence is the information ({@code <UnstructuredSS-Request/>}). */
@XmlAccessorType(XmlAccessType.NONE)
@XmlType(name = "marker")
public class Marker {}
