/** The event loop and the small pools of sockets many handsets share: non-blocking UDP, and TLS connections framed by Content-Length. */
package io.sipdrill.load.sip.transport;
