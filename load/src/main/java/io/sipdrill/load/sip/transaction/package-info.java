/** RFC 3261 client transactions over UDP (timers E, F, K) on the event loop's timer wheel, with every retransmission and timeout counted. */
package io.sipdrill.load.sip.transaction;
