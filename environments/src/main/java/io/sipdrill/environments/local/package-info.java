/** The {@code local} topology: Kamailio processes from the Debian package on loopback addresses, plus SIPp helpers. */
package io.sipdrill.environments.local;
