/** The fault proxy: named TCP and UDP routes between clients and an upstream server, each with upstream and downstream toxic chains, on one event loop. */
package io.sipdrill.chaos.proxy;
