/** Members and their profiles (I3): names, headline, positions, education, skills, interests, handles. */
package org.rapport.server.member;
