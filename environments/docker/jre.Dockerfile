# The Java runtime sipdrill's own images (proxy.Dockerfile, injector.Dockerfile) build FROM: Debian's
# OpenJDK 17 headless JRE, procps (ps/pkill for the faults that exec inside). No sipdrill code here.
#
#   docker build --network host -f docker/jre.Dockerfile --build-arg BASE=sipdrill/base:bookworm \
#                -t sipdrill/jre:local environments/docker
#
# BASE defaults to Debian's slim image for users with a registry; without one, build-base.sh makes
# sipdrill/base:bookworm with debootstrap (build-images.sh picks whichever exists).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
# The JRE's postinst (update-alternatives for its man pages) fails where /usr/share/man/man1 is missing.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless procps \
 && rm -rf /var/lib/apt/lists/*
LABEL io.sipdrill.image=jre
