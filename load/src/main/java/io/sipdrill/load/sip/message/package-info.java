/** Requests written from prepared templates: constant parts encoded once, variable parts appended as ASCII. */
package io.sipdrill.load.sip.message;
