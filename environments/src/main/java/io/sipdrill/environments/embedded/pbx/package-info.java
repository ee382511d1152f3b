/**
 * The embedded PBX role: a back-to-back user agent on sipdrill's lean SIP engine that turns DDIs
 * into extensions (ring groups fork), falls back to voicemail when nobody answers, and sends
 * external numbers to the carrier, passing SDP through so media flows end to end. Routing rules:
 * {@code environments/CALL-ROUTING.md}.
 */
package io.sipdrill.environments.embedded.pbx;
