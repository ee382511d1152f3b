/** Reading SIP messages off the wire: one {@link io.sipdrill.load.sip.codec.SipCodec} interface, a lean byte-level parser and a JAIN-SIP one to check it against. */
package io.sipdrill.load.sip.codec;
