import { z } from 'zod';
import type { Component } from '../domain/status/component.js';
import { BeaconError } from '../domain/errors.js';
import { IMPACTS } from '../domain/status/impact.js';
import { type ImpactChange, INCIDENT_STATUSES, type IncidentStatus } from '../domain/status/incident.js';

const StatusArg = z.enum(INCIDENT_STATUSES);
const ImpactArg = z.enum([...IMPACTS, 'none']);

/** A `--component` value before its component is looked up: `<id or name>=<impact>`. */
export interface ComponentArg {
  ref: string;
  impact: ImpactChange['impact'];
}

/** `--status`, or the problem to report as bad usage. */
export function readStatus(value: unknown): { status: IncidentStatus } | { problem: string } {
  const parsed = StatusArg.safeParse(value);
  return parsed.success ? { status: parsed.data } : { problem: `--status must be one of ${INCIDENT_STATUSES.join(', ')}` };
}

/**
 * Each `--component <id or name>=<impact>`, split at its last `=` (a name may hold one); `none`
 * sets a component back to no impact, as in the API.
 */
export function readComponentArgs(values: readonly string[]): { components: ComponentArg[] } | { problem: string } {
  const components: ComponentArg[] = [];
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const ref = value.slice(0, at).trim();
    const impact = ImpactArg.safeParse(value.slice(at + 1).trim());
    if (at <= 0 || ref === '' || !impact.success) {
      return {
        problem: `--component ${JSON.stringify(value)}: expected <id or name>=<impact>, the impact one of ${ImpactArg.options.join(', ')}`,
      };
    }
    components.push({ ref, impact: impact.data === 'none' ? null : impact.data });
  }
  return { components };
}

/**
 * Turns each reference into a component id: an id as it is, else a name matched without regard to
 * case, which must name exactly one component. A reference to nothing fails here, naming it.
 */
export function resolveComponentArgs(args: readonly ComponentArg[], components: readonly Component[]): ImpactChange[] {
  return args.map(({ ref, impact }) => {
    if (components.some((component) => component.id === ref)) return { componentId: ref, impact };
    const named = components.filter((component) => component.name.toLowerCase() === ref.toLowerCase());
    if (named.length === 1) return { componentId: named[0]!.id, impact };
    const problem = named.length === 0 ? 'no component has this id or name' : `${named.length} components have this name; give the id`;
    throw new BeaconError('validation', `--component ${JSON.stringify(ref)}: ${problem}`, [{ path: 'component', message: problem }]);
  });
}
