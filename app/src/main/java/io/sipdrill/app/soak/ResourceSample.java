package io.sipdrill.app.soak;

/**
 * One sample of a long run.
 *
 * @param tS            seconds since the run started
 * @param heapAfterGcMb heap in use after a collection (see {@link ProcessResources#heapAfterLastGcBytes});
 *                      after a forced full collection when {@code fullGc}
 * @param fullGc        the heap reading follows a forced full collection (the baseline and the last sample)
 * @param threads       live JVM threads
 * @param fds           open file descriptors of the process
 * @param sockets       those of them that are sockets
 * @param registered    handsets registered anywhere (primary or backup)
 * @param txPerSecond   SIP transactions finished per second since the previous sample
 */
public record ResourceSample(long tS, double heapAfterGcMb, boolean fullGc, int threads, int fds, int sockets,
                             int registered, double txPerSecond) {
}
