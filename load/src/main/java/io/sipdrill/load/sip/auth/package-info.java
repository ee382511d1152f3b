/** HTTP digest authentication for SIP (RFC 2617, RFC 7616, RFC 3261 §22.4): challenges, client responses and server-side verification. */
package io.sipdrill.load.sip.auth;
