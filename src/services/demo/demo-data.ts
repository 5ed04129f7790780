import type { Impact } from '../../domain/status/impact.js';
import type { IncidentStatus } from '../../domain/status/incident.js';

/** The demo company's catalogue of components, by group; keys are how the rest of this file names them. */
export const DEMO_GROUPS = [
  {
    name: 'Core platform',
    description: 'The product our customers use every day.',
    components: {
      api: { name: 'API', description: 'REST and GraphQL endpoints at api.acme.example' },
      dashboard: { name: 'Dashboard', description: 'The web app at app.acme.example' },
      auth: { name: 'Sign-in and SSO', description: 'Password, SAML and OIDC sign-in' },
      webhooks: { name: 'Webhooks', description: 'Outgoing event deliveries' },
    },
  },
  {
    name: 'Data',
    description: 'Where customer data lives, per region.',
    components: {
      euDatabase: { name: 'EU database', description: 'Primary data store, Frankfurt' },
      usDatabase: { name: 'US database', description: 'Primary data store, Virginia' },
      storage: { name: 'Object storage', description: 'File uploads and exports' },
      search: { name: 'Search', description: 'Full-text search and indexing' },
    },
  },
  {
    name: 'Delivery',
    description: 'How we reach your users.',
    components: {
      email: { name: 'Email delivery', description: 'Transactional email' },
      sms: { name: 'SMS notifications', description: 'Text messages through our carriers' },
      push: { name: 'Push notifications', description: 'iOS and Android push' },
      cdn: { name: 'CDN', description: 'Static assets and downloads' },
    },
  },
] as const;

type ComponentKeysOf<G> = G extends { components: infer C } ? keyof C : never;
export type DemoComponentKey = ComponentKeysOf<(typeof DEMO_GROUPS)[number]>;

export interface DemoStep {
  /** Minutes after the incident began. */
  at: number;
  status: IncidentStatus;
  message: string;
  impacts?: Partial<Record<DemoComponentKey, Impact | null>>;
}

export interface DemoIncident {
  name: string;
  daysAgo: number;
  /** UTC hour and minute at which it began. */
  startsAt: [number, number];
  steps: DemoStep[];
}

const resolved = (at: number, message = 'This incident has been resolved. We are sorry for the disruption.'): DemoStep => ({
  at,
  status: 'resolved',
  message,
});

/** Past incidents spread across the last 90 days, so the uptime bars have something to show. */
export const DEMO_PAST_INCIDENTS: DemoIncident[] = [
  {
    name: 'Delayed email delivery',
    daysAgo: 3,
    startsAt: [14, 5],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'Some transactional emails are arriving up to 20 minutes late. We are investigating.',
        impacts: { email: 'degraded_performance' },
      },
      { at: 35, status: 'identified', message: 'A mail relay in our US region is throttling us. We are moving traffic to the EU relays.' },
      {
        at: 80,
        status: 'monitoring',
        message: 'Queues have drained and new messages are delivered within seconds. We are monitoring.',
        impacts: { email: null },
      },
      resolved(125),
    ],
  },
  {
    name: 'Increased API latency in Europe',
    daysAgo: 9,
    startsAt: [8, 40],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'API requests served from Europe are slower than usual.',
        impacts: { api: 'degraded_performance' },
      },
      { at: 20, status: 'identified', message: 'A noisy neighbour on one of our EU load balancers; we are draining it.' },
      resolved(45, 'Latency is back to normal.'),
    ],
  },
  {
    name: 'Dashboard unavailable',
    daysAgo: 16,
    startsAt: [19, 30],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'The dashboard is returning errors for all users. The API is not affected.',
        impacts: { dashboard: 'full_outage' },
      },
      { at: 15, status: 'identified', message: 'A faulty release; we are rolling it back.' },
      {
        at: 25,
        status: 'monitoring',
        message: 'The rollback is complete and the dashboard loads again, slowly while caches warm up.',
        impacts: { dashboard: 'degraded_performance' },
      },
      resolved(55),
    ],
  },
  {
    name: 'Webhook deliveries failing',
    daysAgo: 23,
    startsAt: [2, 15],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'About a third of webhook deliveries fail with timeouts.',
        impacts: { webhooks: 'partial_outage' },
      },
      {
        at: 50,
        status: 'monitoring',
        message: 'We added capacity to the delivery workers; failed deliveries are being retried.',
        impacts: { webhooks: 'degraded_performance' },
      },
      resolved(90, 'All failed deliveries have been retried successfully.'),
    ],
  },
  {
    name: 'US database failover',
    daysAgo: 31,
    startsAt: [16, 2],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'The US primary database stopped accepting writes. API requests for US accounts fail.',
        impacts: { usDatabase: 'full_outage', api: 'partial_outage' },
      },
      {
        at: 12,
        status: 'monitoring',
        message: 'We failed over to the standby. Writes succeed again.',
        impacts: { usDatabase: null, api: null },
      },
      resolved(40, 'The failover is complete and a new standby is in place.'),
    ],
  },
  {
    name: 'Search results out of date',
    daysAgo: 38,
    startsAt: [10, 0],
    steps: [
      {
        at: 0,
        status: 'identified',
        message: 'New and edited records take several hours to appear in search. The indexer is behind after a schema change.',
        impacts: { search: 'degraded_performance' },
      },
      resolved(300, 'The indexer has caught up.'),
    ],
  },
  {
    name: 'SMS delivery outage with one carrier',
    daysAgo: 47,
    startsAt: [6, 20],
    steps: [
      { at: 0, status: 'investigating', message: 'Text messages to some networks are not delivered.', impacts: { sms: 'partial_outage' } },
      { at: 60, status: 'identified', message: 'Our upstream carrier has an outage; we are routing through our backup carrier.' },
      {
        at: 150,
        status: 'monitoring',
        message: 'Messages are flowing through the backup carrier.',
        impacts: { sms: 'degraded_performance' },
      },
      resolved(180),
    ],
  },
  {
    name: 'Sign-in errors for SSO users',
    daysAgo: 55,
    startsAt: [13, 45],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'Some users signing in with SAML see an error page.',
        impacts: { auth: 'partial_outage' },
      },
      { at: 30, status: 'identified', message: 'An expired signing certificate; a new one is being rolled out.' },
      resolved(50, 'SSO sign-in works again for everyone.'),
    ],
  },
  {
    name: 'Elevated CDN error rates in Asia',
    daysAgo: 63,
    startsAt: [1, 10],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'Downloads from Asia-Pacific fail intermittently.',
        impacts: { cdn: 'degraded_performance' },
      },
      resolved(120, 'Our CDN provider has fixed a routing issue.'),
    ],
  },
  {
    name: 'File uploads failing',
    daysAgo: 71,
    startsAt: [11, 25],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'All file uploads fail. Existing files can still be downloaded.',
        impacts: { storage: 'full_outage' },
      },
      { at: 25, status: 'identified', message: 'A permissions change on the storage bucket; we are reverting it.' },
      resolved(40),
    ],
  },
  {
    name: 'Push notifications delayed',
    daysAgo: 80,
    startsAt: [17, 0],
    steps: [
      { at: 0, status: 'investigating', message: 'Push notifications arrive late on iOS.', impacts: { push: 'degraded_performance' } },
      resolved(360, 'Apple has resolved a delivery delay on their side.'),
    ],
  },
  {
    name: 'API outage',
    daysAgo: 86,
    startsAt: [9, 12],
    steps: [
      {
        at: 0,
        status: 'investigating',
        message: 'The API and dashboard are not responding.',
        impacts: { api: 'full_outage', dashboard: 'partial_outage' },
      },
      { at: 10, status: 'identified', message: 'A bad network configuration push; we are reverting it.' },
      { at: 18, status: 'monitoring', message: 'Traffic is recovering.', impacts: { api: null, dashboard: null } },
      resolved(45),
    ],
  },
];

/** The incident that is still open when the demo starts (it began `minutesAgo` before seeding). */
export const DEMO_OPEN_INCIDENT = {
  name: 'Webhook deliveries delayed and failing',
  minutesAgo: 40,
  steps: [
    {
      at: 0,
      status: 'investigating',
      message: 'Webhook deliveries are delayed by several minutes and some fail. We are investigating.',
      impacts: { webhooks: 'partial_outage' },
    },
    {
      at: 25,
      status: 'identified',
      message:
        'A message broker node ran out of disk. We are replacing it; delivery will catch up once it is back. Emails about webhook failures may also be delayed.',
      impacts: { email: 'degraded_performance' },
    },
  ],
} satisfies { name: string; minutesAgo: number; steps: DemoStep[] };
