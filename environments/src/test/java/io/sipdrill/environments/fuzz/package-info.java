/** Malformed SIP input: a torture corpus written from RFC 4475's descriptions, a seeded mutator, and the test that fires both at every receiver. */
package io.sipdrill.environments.fuzz;
