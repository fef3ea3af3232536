/** What every page and API response shares: error handling (problem+json and error pages), the layout context, the current member. */
package org.rapport.server.web;
