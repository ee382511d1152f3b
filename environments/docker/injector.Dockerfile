# The load injector: the sipdrill CLI itself as the entry point, so a drill runs from a container
# against registrars it reaches over the host's loopback:
#
#   docker run --rm --network host -v "$PWD/runs:/var/lib/sipdrill/target/sipdrill-runs" sipdrill/injector:local \
#          run --env external --registrar 127.0.1.1:5060 --backup 127.0.2.1:5060
#
# Reports go to target/sipdrill-runs/ under /var/lib/sipdrill (mount it to keep them).
# Build context: staged by build-images.sh (docker/ and lib/, the app jar and its dependencies).
ARG JRE_IMAGE=sipdrill/jre:local
FROM ${JRE_IMAGE}
COPY lib/ /opt/sipdrill/lib/
COPY docker/sipdrill-jvm /usr/local/bin/sipdrill
WORKDIR /var/lib/sipdrill
LABEL io.sipdrill.image=injector
ENTRYPOINT ["/usr/local/bin/sipdrill"]
CMD ["--help"]
