/** Tests of environments/docker: compose.yaml's shape, and its Kamailio services brought up for real. */
package io.sipdrill.environments.docker;
