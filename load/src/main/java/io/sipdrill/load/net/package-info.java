/** Network rules shared by the CLI and the Gatling DSL: which addresses sipdrill may target. */
package io.sipdrill.load.net;
