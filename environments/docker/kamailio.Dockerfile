# The Kamailio roles of the docker topology: registrar, backup POP (SIPDRILL_ROLE=pop or registrar)
# and PBX (pbx.Dockerfile sets SIPDRILL_ROLE=pbx). The same configs as --env local, from
# environments/kamailio/. Build context: environments/ (build-images.sh does it):
#
#   docker build --network host -f docker/kamailio.Dockerfile --build-arg BASE=sipdrill/base:bookworm \
#                -t sipdrill/kamailio:local environments
#
# BASE defaults to Debian's slim image for users with a registry; without one, build-base.sh makes
# sipdrill/base:bookworm with debootstrap. stress-ng is here for the stress fault (exec'd inside),
# sip-tester (SIPp) for the health check, procps for ps/pkill, tini as init.
ARG BASE=debian:bookworm-slim
FROM ${BASE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends kamailio sip-tester stress-ng procps tini \
 && rm -rf /var/lib/apt/lists/*
COPY kamailio/ /etc/sipdrill/kamailio/
COPY docker/sipdrill-kamailio docker/sip-options-ping /usr/local/bin/
COPY docker/options-ping.xml /usr/local/share/sipdrill/options-ping.xml
ENV SIPDRILL_ROLE=pop
LABEL io.sipdrill.image=kamailio
# Host networking: the container answers on SIPDRILL_LISTEN, a 127.0.x address of the host's loopback.
HEALTHCHECK --interval=2s --timeout=4s --start-period=2s --retries=15 CMD ["/usr/local/bin/sip-options-ping"]
# tini as PID 1: processes exec'd into the container (the cpu-burn fault's stress-ng) are reparented
# to PID 1 when their parent dies, and Kamailio's main process shuts down on a SIGCHLD from a child
# it does not know; tini reaps them instead and passes SIGTERM on to Kamailio.
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/sipdrill-kamailio"]
