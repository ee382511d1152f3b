/** {@code sipdrill bench}: sipdrill and SIPp side by side against the same freshly started Kamailio, one table; also the one-rate step that {@code sipdrill capacity} repeats. */
package io.sipdrill.app.bench;
