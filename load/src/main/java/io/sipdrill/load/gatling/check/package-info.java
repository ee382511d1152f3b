/** Checks on a SIP request's final response (status code, header presence and value), optionally saving what they found into the session. */
package io.sipdrill.load.gatling.check;
