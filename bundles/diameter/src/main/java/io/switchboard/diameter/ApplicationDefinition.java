package io.switchboard.diameter;

/**
 * A Diameter application as it is advertised in a CER: with a vendor it goes in a Vendor-Specific-Application-Id
 * (Cx: {Vendor-Id 10415, Auth-Application-Id 16777216}), without one in a plain Auth-Application-Id.
 *
 * @param name     short name used in endpoint URIs and settings ({@code cx}, {@code base})
 * @param id       the Application-Id
 * @param vendorId 0, or the vendor of a vendor-specific application
 */
public record ApplicationDefinition(String name, long id, long vendorId) {}
