# The monitoring profile's Prometheus (compose.yaml service prometheus): Debian's prometheus package,
# scraping a sipdrill run's --metrics endpoint (prometheus.yml). Build context: a folder build-images.sh
# stages with prometheus.yml and sipdrill-prometheus:
#
#   environments/docker/build-images.sh prometheus
#
# BASE defaults to Debian's slim image for users with a registry; without one, build-base.sh makes
# sipdrill/base:bookworm with debootstrap (build-images.sh picks whichever exists).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/sipdrill-prometheus && chown prometheus:prometheus /var/lib/sipdrill-prometheus
COPY prometheus.yml /etc/sipdrill/prometheus.yml
COPY sipdrill-prometheus /usr/local/bin/
LABEL io.sipdrill.image=prometheus
USER prometheus
# Host networking: the UI and API listen on SIPDRILL_PROMETHEUS, a 127.0.x address of the host's loopback.
ENTRYPOINT ["/usr/local/bin/sipdrill-prometheus"]
