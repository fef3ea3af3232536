package org.rapport.server.credibility;

/** PENDING until the intermediary answers: FORWARDED (an invitation went to the target) or DECLINED. */
public enum IntroductionStatus {
    PENDING, FORWARDED, DECLINED
}
