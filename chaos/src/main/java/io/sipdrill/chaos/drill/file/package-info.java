/** Drill files: YAML read into typed records, validated with file:line messages before anything runs, and turned into a {@link io.sipdrill.chaos.drill.DrillPlan}. */
package io.sipdrill.chaos.drill.file;
