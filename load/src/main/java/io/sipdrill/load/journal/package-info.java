/**
 * The drill journal: every registration transaction, retransmission, handset state change, fault
 * step and per-second timeline sample as one JSON line, written as it happens. Reports are built
 * from the journal alone.
 */
package io.sipdrill.load.journal;
