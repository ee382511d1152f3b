/**
 * {@code junit.xml}: a drill's SLO verdicts and steady-state probes as a Surefire-style test suite, so a CI
 * server (Jenkins, GitLab, GitHub Actions reporters) shows a failed drill the way it shows a failed test.
 */
package io.sipdrill.dashboards.junit;
