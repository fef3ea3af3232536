/**
 * People You May Know (C5, C6): candidates from the graph (friends of friends, weighted so that
 * hubs count less) and from shared background (colleagues whose years overlapped, classmates of
 * nearby years), ranked by one documented score, each with the evidence a person can check;
 * dismissals.
 */
package org.rapport.server.suggestion;
