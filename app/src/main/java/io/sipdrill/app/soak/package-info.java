/** A long run's resource samples (heap after GC, threads, file descriptors, sockets) and whether they stay flat. */
package io.sipdrill.app.soak;
