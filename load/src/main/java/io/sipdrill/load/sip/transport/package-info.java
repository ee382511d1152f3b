/** The event loop and the small pool of non-blocking UDP sockets that many handsets share. */
package io.sipdrill.load.sip.transport;
