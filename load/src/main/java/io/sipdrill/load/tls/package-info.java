/** SIP over TLS support: a test certificate authority generated at run time, and the trust handsets verify against. */
package io.sipdrill.load.tls;
