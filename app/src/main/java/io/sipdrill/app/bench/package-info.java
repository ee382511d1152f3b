/** {@code sipdrill bench}: sipdrill and SIPp side by side against the same freshly started Kamailio, one table. */
package io.sipdrill.app.bench;
