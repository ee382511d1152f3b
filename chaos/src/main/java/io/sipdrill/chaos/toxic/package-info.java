/** Toxics: what the fault proxy does to bytes and datagrams on their way through a route, one class per toxic type. */
package io.sipdrill.chaos.toxic;
