/**
 * Finding people (D1–D2): the embedded Lucene index of profiles kept in step with the database,
 * people search with graph filters, facets and proximity ranking, and the ready-made colleague and
 * classmate searches.
 */
package org.rapport.server.search;
