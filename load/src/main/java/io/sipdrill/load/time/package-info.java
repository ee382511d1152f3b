/** Injectable time: the drill clock and the scheduler every timing decision reads, so tests run on virtual time. */
package io.sipdrill.load.time;
