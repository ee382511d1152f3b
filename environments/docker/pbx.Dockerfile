# The PBX role: the Kamailio image running pbx.cfg (SIPDRILL_POP, SIPDRILL_VOICEMAIL, SIPDRILL_CARRIER
# say where its POP, voicemail and carrier are). Build context: environments/.
ARG KAMAILIO_IMAGE=sipdrill/kamailio:local
FROM ${KAMAILIO_IMAGE}
ENV SIPDRILL_ROLE=pbx
LABEL io.sipdrill.image=pbx
