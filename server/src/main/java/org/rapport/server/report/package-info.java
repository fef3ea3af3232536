/**
 * Reports and the moderation queue (issue 17): members report a member or content they can see;
 * moderators read the open reports grouped by subject and resolve them (dismiss, remove the
 * content, warn, suspend the author); the reporter sees the outcome.
 */
package org.rapport.server.report;
