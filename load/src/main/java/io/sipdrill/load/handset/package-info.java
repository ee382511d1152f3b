/** The simulated desk phone: registration, refresh, failover to the backup POP and failback by mode, and the population that mixes them. */
package io.sipdrill.load.handset;
