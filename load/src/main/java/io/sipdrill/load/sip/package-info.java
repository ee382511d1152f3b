/**
 * sipdrill's lean SIP layer for handsets: shared datagram sockets on one event loop, one timer
 * wheel for every client transaction, requests written from prepared templates and responses read
 * through a swappable {@link io.sipdrill.load.sip.codec.SipCodec}.
 */
package io.sipdrill.load.sip;
