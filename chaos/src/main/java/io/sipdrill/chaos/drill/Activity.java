package io.sipdrill.chaos.drill;

/**
 * One thing a drill file names, Chaos Toolkit style: an {@link Action} changes the world, a
 * {@link Probe} measures it. Typed records, never an untyped map whose meaning depends on a value.
 */
public sealed interface Activity permits Action, Probe {
}
