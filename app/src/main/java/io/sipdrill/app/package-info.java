/** The {@code sipdrill} command line: run a drill, rebuild a report, benchmark against SIPp. */
package io.sipdrill.app;
