/** Merging the journals of a sharded drill (several injectors, one population) into one for the report. */
package io.sipdrill.dashboards.merge;
