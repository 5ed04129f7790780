import { STAFF_ROLES, STAFF_ROLE_SUMMARIES } from '../../../domain/access/staff-role.js';
import { plainOptions } from './fields.js';

/** The staff roles as a select's choices (staff and API keys both have one). */
export const ROLE_OPTIONS = plainOptions(STAFF_ROLES);

/** What each role may do, under a form that gives one. */
export function RoleSummaries() {
  return (
    <ul class="muted">
      {STAFF_ROLES.map((role) => (
        <li>
          <strong>{role}</strong>: {STAFF_ROLE_SUMMARIES[role]}
        </li>
      ))}
    </ul>
  );
}
