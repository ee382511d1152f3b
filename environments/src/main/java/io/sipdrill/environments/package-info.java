/** Topologies sipdrill drills against: a primary registrar and a backup POP, started, probed and stopped as one. */
package io.sipdrill.environments;
