/** The Gatling SIP protocol's Java DSL: {@link io.sipdrill.load.gatling.SipDsl} is the entry point for simulations. */
package io.sipdrill.load.gatling;
