/** In-app notifications (A7): what happened to me, newest first, with an unread count. */
package org.rapport.server.notification;
