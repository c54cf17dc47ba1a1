import { rolesFor } from '../policy/policy.ts';

/** Route gates, derived from the policy table (the services ask it for each letter). Reads
 * are open to every role that may see some outgoing letter, so someone who may not see this
 * one gets the same 404 as for a letter that does not exist. */
export const OUTGOING_GATES = {
  view: rolesFor('outgoing.view', 'outgoing.view_register'),
  draft: rolesFor('outgoing.draft'),
  sign: rolesFor('outgoing.sign'),
  dispatch: rolesFor('outgoing.dispatch'),
  numbering: rolesFor('outgoing.numbering'),
  numberingEdit: rolesFor('org.manage'),
} as const;
