/**
 * Faults on Docker containers through docker-java: a CPU quota update, pause and unpause, kill
 * and start, an operator's restart, and a CPU burner exec'd inside. {@link
 * io.sipdrill.chaos.fault.container.ContainerFaultTargets} offers them by target name to the drill
 * runner; the docker topology says which container each name is ({@link
 * io.sipdrill.chaos.fault.container.ContainerLookup}).
 */
package io.sipdrill.chaos.fault.container;
