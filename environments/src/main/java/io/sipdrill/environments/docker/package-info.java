/**
 * The {@code docker} topology: the Kamailio roles as host-networked containers of the local
 * images, either found running from {@code environments/docker/compose.yaml} (attach) or started
 * by Testcontainers for the run (start), plus the compose fault proxy's links over the Toxiproxy API.
 */
package io.sipdrill.environments.docker;
