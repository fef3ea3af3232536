/**
 * Operator bulk import (E7): reads a network in LDBC, SNAP or CSV form, checks all of it, then
 * writes members, profiles, connections and groups in one transaction with batched inserts
 * (SQLite) or {@code COPY} (PostgreSQL).
 */
package org.rapport.server.bulkimport;
