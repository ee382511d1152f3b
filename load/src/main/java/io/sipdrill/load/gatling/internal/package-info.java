/** Glue not meant for simulations: the one adapter to Gatling's Scala traits, expression wrapping, per-user handset state and the SIPp user-file reader. */
package io.sipdrill.load.gatling.internal;
