/** {@code sipdrill capacity}: steps the load up until a registrar breaks an SLO, confirms downward, and reports its highest sustainable rate. */
package io.sipdrill.app.capacity;
