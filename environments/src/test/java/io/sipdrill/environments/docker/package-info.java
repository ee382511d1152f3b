/**
 * Tests of environments/docker and the docker topology: compose.yaml's shape, its services brought
 * up for real, DockerTopology starting its own containers and attaching to a compose stack, and
 * the registrar-outage drill on containers.
 */
package io.sipdrill.environments.docker;
