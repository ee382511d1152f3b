# The fault-proxy service of the docker topology: `sipdrill proxy` with two UDP routes,
# handsets->registrar (SIPDRILL_LINK_PRIMARY -> SIPDRILL_PRIMARY) and handsets->backup
# (SIPDRILL_LINK_BACKUP -> SIPDRILL_BACKUP), and its Toxiproxy-compatible API on SIPDRILL_PROXY_API.
# Build context: a folder build-images.sh stages with docker/ and lib/ (the app jar and its
# dependencies from app/target):
#
#   environments/docker/build-images.sh java
ARG JRE_IMAGE=sipdrill/jre:local
FROM ${JRE_IMAGE}
COPY lib/ /opt/sipdrill/lib/
COPY docker/sipdrill-jvm /usr/local/bin/sipdrill
COPY docker/sipdrill-proxy docker/proxy-health /usr/local/bin/
LABEL io.sipdrill.image=proxy
# Host networking: the routes and the API listen on 127.0.x addresses of the host's loopback.
HEALTHCHECK --interval=2s --timeout=4s --start-period=3s --retries=15 CMD ["/usr/local/bin/proxy-health"]
ENTRYPOINT ["/usr/local/bin/sipdrill-proxy"]
