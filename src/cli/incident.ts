import type { Incident } from '../domain/status/incident.js';
import { CLI_ACTOR } from '../domain/access/audit-event.js';
import { withWriteAudit, writeResultId } from '../services/staff/staff-audit.js';
import { incidentStartedAt, incidentStatus, incidentWorstImpact, isIncidentOpen } from '../domain/status/incident-status.js';
import { listComponents } from '../services/status/components.js';
import type { ServiceContext } from '../services/context.js';
import {
  MAX_LIST_LIMIT,
  createIncident,
  getIncident,
  listIncidents,
  postIncidentUpdate,
  resolveIncident,
} from '../services/status/incidents.js';
import { presentIncident } from '../web/api/v1/presenters/incident.js';
import { type CliIo, type Command, EXIT_OK, parseCommandArgs, usageError } from './cli-io.js';
import { type ComponentArg, readComponentArgs, readStatus, resolveComponentArgs } from './incident-args.js';
import { withServices } from './open-services.js';
import { readConfig } from './read-config.js';

const OPTIONS = {
  name: { type: 'string' },
  message: { type: 'string', short: 'm' },
  status: { type: 'string' },
  component: { type: 'string', multiple: true },
  open: { type: 'boolean' },
  resolved: { type: 'boolean' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;
type OptionName = keyof typeof OPTIONS;

/** The options each action reads; any other given is bad usage rather than silently ignored. */
const ACCEPTS: Record<string, readonly OptionName[]> = {
  declare: ['name', 'message', 'status', 'component', 'json'],
  update: ['message', 'status', 'component', 'json'],
  resolve: ['message', 'json'],
  list: ['open', 'resolved', 'limit', 'json'],
};

const summaryLine = (incident: Incident): string => `${incident.id}  ${incidentStatus(incident)}  ${incident.name}\n`;

/** One line per incident, newest first, under a header. */
function formatIncidents(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return 'No incidents.\n';
  const rows = incidents.map((incident) => [
    incident.id,
    incidentStatus(incident),
    incidentWorstImpact(incident) ?? 'none',
    incidentStartedAt(incident).toISOString(),
    incident.name,
  ]);
  const table = [['ID', 'STATUS', 'IMPACT', 'STARTED', 'NAME'], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return `${table
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** Looks the `--component` references up among the components, as the API would take their ids. */
async function impactsOf(ctx: ServiceContext, args: readonly ComponentArg[]) {
  return args.length === 0 ? [] : resolveComponentArgs(args, await listComponents(ctx));
}

export const incidentCommand: Command = {
  name: 'incident',
  summary: 'Declare, update, resolve or list incidents',
  usage: [
    'Usage: beacon incident declare --name <name> --message <text> [--status <status>] [--component <id or name>=<impact>]… [--json]',
    '       beacon incident update <incident-id> --status <status> --message <text> [--component <id or name>=<impact>]… [--json]',
    '       beacon incident resolve <incident-id> [--message <text>] [--json]',
    '       beacon incident list [--open | --resolved] [--limit <1-100>] [--json]',
    '',
    'declare  a new incident with its first update (status investigating unless given); prints its id.',
    'update   post an update to its timeline; prints the incident’s id, status and name.',
    'resolve  post a resolved update (a default message unless given); resolving twice changes nothing.',
    'list     incidents, newest first (20 unless --limit): id, status, worst impact, start and name.',
    '',
    'Statuses: investigating, identified, monitoring, resolved.',
    'Impacts:  degraded_performance, partial_outage, full_outage, or none to clear a component.',
    '--component names a component by id or by its name (case ignored); repeat it for several.',
    '--json prints the incident(s) as the API’s GET /api/v1/incidents/{id} does.',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const parsed = parseCommandArgs(this, args, OPTIONS, io);
    if ('exitCode' in parsed) return parsed.exitCode;
    const { values } = parsed;
    const [action, ...rest] = parsed.positionals;
    const accepted = action === undefined ? undefined : ACCEPTS[action];
    if (accepted === undefined)
      return usageError(this, action === undefined ? 'missing action' : `unknown action ${JSON.stringify(action)}`, io);
    const stray = (Object.keys(OPTIONS) as OptionName[]).find((option) => values[option] !== undefined && !accepted.includes(option));
    if (stray !== undefined) return usageError(this, `--${stray} does not apply to ${action}`, io);
    const needsId = action === 'update' || action === 'resolve';
    const [id, ...extra] = needsId ? rest : [undefined, ...rest];
    if (needsId && id === undefined) return usageError(this, 'missing incident id', io);
    if (extra.length > 0) return usageError(this, `unexpected argument ${JSON.stringify(extra[0])}`, io);
    const message = typeof values.message === 'string' ? values.message : undefined;
    const printIncident = (incident: Incident, text: string) =>
      io.out(values.json === true ? `${JSON.stringify(presentIncident(incident), null, 2)}\n` : text);

    if (action === 'list') {
      if (values.open === true && values.resolved === true) return usageError(this, '--open and --resolved exclude each other', io);
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT)
        return usageError(this, `--limit must be a whole number from 1 to ${MAX_LIST_LIMIT}`, io);
      const open = values.open === true ? true : values.resolved === true ? false : undefined;
      const incidents = await withServices(readConfig(io.env), (ctx) => listIncidents(ctx, { open, limit }));
      io.out(
        values.json === true
          ? `${JSON.stringify(
              incidents.map((incident) => presentIncident(incident)),
              null,
              2,
            )}\n`
          : formatIncidents(incidents),
      );
      return EXIT_OK;
    }

    if (action === 'resolve') {
      const incidentId = id ?? '';
      const { wasOpen, incident } = await withServices(readConfig(io.env), async (ctx) => {
        // Resolving a resolved incident writes nothing, so it is not audited either.
        return {
          wasOpen: isIncidentOpen(await getIncident(ctx, incidentId)),
          incident: await resolveIncident(auditedAs(ctx, 'incident.resolved', { message: message ?? null }), incidentId, { message }),
        };
      });
      if (!wasOpen) io.err('It was already resolved: nothing changed.\n');
      printIncident(incident, summaryLine(incident));
      return EXIT_OK;
    }

    const status = readStatus(values.status ?? (action === 'declare' ? 'investigating' : undefined));
    if ('problem' in status) return usageError(this, values.status === undefined ? '--status is required' : status.problem, io);
    if (message === undefined) return usageError(this, '--message is required', io);
    const given = Array.isArray(values.component) ? values.component.filter((value) => typeof value === 'string') : [];
    const components = readComponentArgs(given);
    if ('problem' in components) return usageError(this, components.problem, io);
    const name = values.name;
    if (action === 'declare' && typeof name !== 'string') return usageError(this, '--name is required', io);
    const config = readConfig(io.env);

    if (action === 'declare') {
      const incident = await withServices(config, async (ctx) => {
        const impacts = await impactsOf(ctx, components.components);
        return createIncident(auditedAs(ctx, 'incident.declared', { name: String(name), status: status.status, message }), {
          name: String(name),
          status: status.status,
          message,
          impacts,
        });
      });
      io.err(`Declared incident ${JSON.stringify(incident.name)} (${incidentStatus(incident)}).\n`);
      printIncident(incident, `${incident.id}\n`);
      return EXIT_OK;
    }

    const incident = await withServices(config, async (ctx) => {
      const impacts = await impactsOf(ctx, components.components);
      return postIncidentUpdate(auditedAs(ctx, 'incident.updated', { status: status.status, message }), id ?? '', {
        status: status.status,
        message,
        impacts,
      });
    });
    printIncident(incident, summaryLine(incident));
    return EXIT_OK;
  },
};

/** STF-7: `ctx` whose writes are in the audit log with actor `cli`, recorded inside each write's transaction. */
const auditedAs = (ctx: ServiceContext, action: string, details: Record<string, unknown>): ServiceContext =>
  withWriteAudit(ctx, (result) => ({ actor: CLI_ACTOR, action, subjectType: 'incident', subjectId: writeResultId(result), details }));
