package io.sipdrill.environments;

import io.sipdrill.chaos.api.ApiJson;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.chaos.proxy.FaultProxy;
import io.sipdrill.chaos.proxy.ProxyException;
import io.sipdrill.chaos.proxy.ProxyLinkFaults;
import io.sipdrill.chaos.proxy.RouteSpec;

import io.sipdrill.load.net.AddressBlock;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The handsets' way to each POP through sipdrill's fault proxy, so a drill can put toxics on it:
 * link {@code handsets->registrar} listens on 127.0.5.1:5060 and forwards to the primary,
 * {@code handsets->backup} on 127.0.5.2:5060 to the backup POP (UDP, a session per handset
 * socket, so replies find their way back; handsets send {@code rport}, so the POPs answer the
 * proxy, not the handset directly). Only the handsets go through it: the carrier calls the POPs
 * directly (they know it by its address), and calls to handsets follow their Contact.
 *
 * <p>Handsets on TLS get TCP links instead ({@link #startTls}): the same listener addresses on port
 * {@value HandsetTls#PORT}, to each POP's TLS listener; the proxy forwards the encrypted stream as
 * it is, so the POPs' certificates must also name the listeners' addresses
 * ({@link HandsetTls#alsoReachedAt}). Latency and link-down act on it as on UDP; a disabled TCP
 * link closes its connections, which a handset sees at once rather than after Timer F.
 *
 * <pre>{@code
 * try (ProxiedLinks links = ProxiedLinks.start(endpoints)) {
 *     target = target.withHandsetsVia(links.faults(), links.toPrimary(), links.toBackup());
 * }
 * }</pre>
 */
public final class ProxiedLinks implements AutoCloseable {

    public static final String HANDSETS_TO_REGISTRAR = "handsets->registrar";
    public static final String HANDSETS_TO_BACKUP = "handsets->backup";
    public static final InetSocketAddress TO_PRIMARY = new InetSocketAddress("127.0.5.1", 5060);
    public static final InetSocketAddress TO_BACKUP = new InetSocketAddress("127.0.5.2", 5060);

    private final FaultProxy proxy;
    private final InetSocketAddress toPrimary;
    private final InetSocketAddress toBackup;

    private ProxiedLinks(FaultProxy proxy, InetSocketAddress toPrimary, InetSocketAddress toBackup) {
        this.proxy = proxy;
        this.toPrimary = toPrimary;
        this.toBackup = toBackup;
    }

    /** Both links on the default listeners, to {@code endpoints}' POPs on loopback. */
    public static ProxiedLinks start(Endpoints endpoints) {
        return start(endpoints, List.of());
    }

    /** Both links on the default listeners, to POPs on loopback or in {@code allowed} (the user's --allow-target). */
    public static ProxiedLinks start(Endpoints endpoints, List<AddressBlock> allowed) {
        return start(endpoints, TO_PRIMARY, TO_BACKUP, allowed);
    }

    /**
     * Both links on the given listeners.
     *
     * @throws IllegalStateException when a listener address is taken or a POP is not allowed (one line, for the CLI)
     */
    public static ProxiedLinks start(Endpoints endpoints, InetSocketAddress toPrimary, InetSocketAddress toBackup,
                                     List<AddressBlock> allowed) {
        return start(RouteSpec.udp(HANDSETS_TO_REGISTRAR, ApiJson.hostPort(toPrimary), ApiJson.hostPort(endpoints.primary().address())),
                RouteSpec.udp(HANDSETS_TO_BACKUP, ApiJson.hostPort(toBackup), ApiJson.hostPort(endpoints.backup().address())),
                toPrimary, toBackup, allowed);
    }

    /** TCP links for handsets on TLS, on the default listeners' addresses, port {@value HandsetTls#PORT}. */
    public static ProxiedLinks startTls(Endpoints endpoints, List<AddressBlock> allowed) {
        return startTls(endpoints, HandsetTls.listener(TO_PRIMARY), HandsetTls.listener(TO_BACKUP), allowed);
    }

    /**
     * TCP links for handsets on TLS: {@code toPrimary} forwards to the primary's TLS listener
     * ({@link HandsetTls#listener}), {@code toBackup} to the backup's.
     *
     * @throws IllegalStateException when a listener address is taken or a POP is not allowed (one line, for the CLI)
     */
    public static ProxiedLinks startTls(Endpoints endpoints, InetSocketAddress toPrimary, InetSocketAddress toBackup,
                                        List<AddressBlock> allowed) {
        return start(RouteSpec.tcp(HANDSETS_TO_REGISTRAR, ApiJson.hostPort(toPrimary),
                        ApiJson.hostPort(HandsetTls.listener(endpoints.primary().address()))),
                RouteSpec.tcp(HANDSETS_TO_BACKUP, ApiJson.hostPort(toBackup),
                        ApiJson.hostPort(HandsetTls.listener(endpoints.backup().address()))),
                toPrimary, toBackup, allowed);
    }

    private static ProxiedLinks start(RouteSpec primaryLink, RouteSpec backupLink, InetSocketAddress toPrimary,
                                      InetSocketAddress toBackup, List<AddressBlock> allowed) {
        FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults().withAllowed(allowed));
        try {
            proxy.create(primaryLink);
            proxy.create(backupLink);
        } catch (ProxyException e) {
            proxy.close();
            throw new IllegalStateException("cannot start the fault proxy's links: " + e.getMessage(), e);
        }
        return new ProxiedLinks(proxy, toPrimary, toBackup);
    }

    /** Toxics on the links, by name. */
    public LinkFaults faults() {
        return new ProxyLinkFaults(proxy);
    }

    public InetSocketAddress toPrimary() {
        return toPrimary;
    }

    public InetSocketAddress toBackup() {
        return toBackup;
    }

    /** The proxy itself (its routes' counters, for tests and reports). */
    public FaultProxy proxy() {
        return proxy;
    }

    /** Stops the proxy; toxics still on it go with it. Never throws. */
    @Override
    public void close() {
        proxy.close();
    }
}
