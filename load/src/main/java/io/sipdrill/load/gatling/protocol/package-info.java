/** The SIP protocol's shared runtime per simulation: one engine, the handsets of all virtual users, and a live view of where they are registered. */
package io.sipdrill.load.gatling.protocol;
