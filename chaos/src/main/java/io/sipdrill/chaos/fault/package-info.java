/** Faults that can be injected into a running topology and always reverted: freeze, squeeze, kill. */
package io.sipdrill.chaos.fault;
