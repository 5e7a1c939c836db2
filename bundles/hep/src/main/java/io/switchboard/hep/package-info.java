/** HEPv3 capture of SIP (bundles/hep): the packet encoder, usable by any bundle that mirrors a protocol to Homer. */
package io.switchboard.hep;
