package io.sipdrill.environments;

/** What a started topology offers the handsets: the primary registrar and the backup POP. */
public record Endpoints(SipEndpoint primary, SipEndpoint backup) {
}
