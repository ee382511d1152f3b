/** The RTP media engine: G.711 packets paced on one thread for every call leg of a run, RFC 3550 receiver statistics and the E-model MOS they imply. */
package io.sipdrill.load.rtp;
