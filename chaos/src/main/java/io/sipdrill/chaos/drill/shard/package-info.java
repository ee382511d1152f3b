/** Sharded injection: which slice of a drill's handset population one injector process simulates. */
package io.sipdrill.chaos.drill.shard;
