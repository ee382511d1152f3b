/** Drills driven by Gatling: the built-in drill simulation and the launcher that runs it beside the fault schedule. */
package io.sipdrill.chaos.drill.gatling;
