/**
 * Calls on the lean SIP engine: dialogs for the caller ({@link io.sipdrill.load.sip.call.OutgoingCall})
 * and the callee ({@link io.sipdrill.load.sip.call.IncomingCall}), the per-engine
 * {@link io.sipdrill.load.sip.call.CallLayer} that hands incoming requests to them, the messages
 * they write, and the media legs (RTP) an answered call opens. Handsets, the carrier and the
 * voicemail are all user agents built on this package.
 */
package io.sipdrill.load.sip.call;
