package org.rapport.server.report;

/** The names a report is made of. */
public final class ReportEnums {

    private ReportEnums() {
    }

    /** What is reported. */
    public enum SubjectType { MEMBER, POST, MESSAGE, GROUP, GROUP_POST, GROUP_COMMENT, INVITATION }

    /** Why. */
    public enum Reason { SPAM, HARASSMENT, IMPERSONATION, INAPPROPRIATE, OTHER }

    /** OPEN until a moderator resolves it. */
    public enum Status { OPEN, RESOLVED }

    /** What the moderator did. */
    public enum Action { DISMISS, REMOVE_CONTENT, WARN, SUSPEND_MEMBER }

    static <E extends Enum<E>> E parse(Class<E> type, String raw) {
        if (raw == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw.strip())) {
                return e;
            }
        }
        return null;
    }
}
