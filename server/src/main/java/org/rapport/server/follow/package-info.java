/**
 * Following (F1): follow a member without connecting; connecting makes both follow each other;
 * removing a connection or blocking drops both follows; who may follow me; follower and
 * following lists with the same privacy as connection lists.
 */
package org.rapport.server.follow;
