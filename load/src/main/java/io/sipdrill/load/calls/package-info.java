/**
 * Call traffic: the carrier that sends inbound DDI calls and answers outbound ones, the voicemail
 * that answers what no handset does, the handsets' phone lines, DDI routing between the POPs, and
 * the journal record of every finished call. Built on the lean engine's
 * {@link io.sipdrill.load.sip.call} package.
 */
package io.sipdrill.load.calls;
