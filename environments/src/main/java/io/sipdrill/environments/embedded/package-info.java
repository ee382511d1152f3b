/** The {@code embedded} topology: registrars on the JAIN-SIP RI stack inside this JVM, each behind a capacity model so overload looks like a real server's. */
package io.sipdrill.environments.embedded;
