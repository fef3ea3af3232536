package org.rapport.server.group;

/**
 * What a create or edit form (or API body) sends. Null means "unchanged" on an edit; on a create
 * name is required and the rest default (PUBLIC, listed, no pre-approval).
 */
public record GroupChanges(String name, String description, String rules, String visibility, Boolean listed,
                           Boolean postApproval) {
}
