/** Drills: a plan (population, timed fault steps, SLOs) and the runner that plays it against a topology with rollbacks that always run. */
package io.sipdrill.chaos.drill;
