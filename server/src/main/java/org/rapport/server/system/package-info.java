/** Configuration, the database and its migrations, time, start-up and the errors every feature shares. */
package org.rapport.server.system;
