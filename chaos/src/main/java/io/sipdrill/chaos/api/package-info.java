/** The fault proxy's HTTP API, the same endpoints, JSON fields and status codes as Toxiproxy's, so Toxiproxy clients drive it unchanged. */
package io.sipdrill.chaos.api;
