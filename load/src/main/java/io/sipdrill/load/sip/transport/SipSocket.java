package io.sipdrill.load.sip.transport;

import io.sipdrill.load.sip.transaction.ClientTransaction;

/**
 * What a handset sends through: a {@link ClientTransaction.Sender} with the {@code host:port} it
 * writes in Via and Contact. A UDP {@link LocalSocket} and a {@link TlsSocket} are both one, so a
 * handset has a single code path whatever the transport.
 */
public interface SipSocket extends ClientTransaction.Sender {

    /** {@code host:port} as ASCII bytes, for Via and Contact. */
    byte[] hostPortAscii();

    /** The transport this socket speaks; it decides Via, Contact and whether transactions retransmit. */
    SipTransport transport();

    @Override
    default boolean reliable() {
        return transport().reliable();
    }
}
