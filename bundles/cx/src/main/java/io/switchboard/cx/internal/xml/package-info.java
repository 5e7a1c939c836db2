/**
 * JAXB classes of the IMS subscription XML (TS 29.228 Annex E, CxDataType): User-Data of SAA/PPR and the
 * service profiles of the store. No namespace, as the schema has none.
 */
@XmlAccessorType(XmlAccessType.FIELD)
package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
