/** The SIP requests a scenario can run (REGISTER, un-REGISTER, OPTIONS, automatic and scripted call steps), as Gatling action builders and asynchronous actions. */
package io.sipdrill.load.gatling.action;
