package io.sipdrill.chaos.drill;

import java.time.Duration;

/** A step of the method: {@code action} at real-equivalent drill time {@code at} (since the drill started). */
public record Step(Duration at, Action action) {
}
