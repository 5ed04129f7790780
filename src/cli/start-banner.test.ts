import { describe, expect, it } from 'vitest';
import type { DemoSummary } from '../services/demo/demo.js';
import { NO_SMTP_NOTICE, describeStart } from './start-banner.js';

const BASE = 'http://localhost:3000';
const demo: DemoSummary = {
  pageSlugs: ['acme-cloud', 'developers', 'regions'],
  subPagePaths: ['/regions/eu', '/regions/us'],
  customerPages: [
    {
      name: 'Globex Corporation',
      url: `${BASE}/c/tokenGlobex`,
      path: '/c/tokenGlobex',
      allowedDomains: ['globex.example'],
      exampleEmail: 'you@globex.example',
    },
    {
      name: 'Initech',
      url: `${BASE}/c/tokenInitech`,
      path: '/c/tokenInitech',
      allowedDomains: ['initech.example', '*.initech-labs.example'],
      exampleEmail: 'you@initech.example',
    },
  ],
  componentCount: 16,
  incidentCount: 15,
  maintenanceCount: 3,
  apiKey: 'bk_demo',
  staffAdmin: 'admin@acme-cloud.example',
};

describe('describeStart', () => {
  it('lists every public page, each customer page with an address to sign in with, and where sign-in mail goes', () => {
    const text = describeStart({ base: BASE, demo, isSmtpConfigured: false });
    const lines = text.split('\n').map((line) => line.trimEnd());
    expect(lines[1]).toBe(`Beacon is running at ${BASE}/`);
    for (const path of ['/developers', '/regions', '/regions/eu', '/regions/us'])
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`\\s${BASE}${path}$`)));
    expect(text).toContain(`Status page     ${BASE}/   (the "acme-cloud" page)`);
    // The private set is never listed as a public page.
    expect(text).not.toContain(`${BASE}/customers`);

    const globex = lines.findIndex((line) => line.includes(`Globex Corporation  ${BASE}/c/tokenGlobex`));
    expect(globex).toBeGreaterThan(0);
    expect(lines[globex + 1]).toMatch(/sign in as you@globex\.example {3}\(allowed: globex\.example\)$/);
    const initech = lines.findIndex((line) => line.includes(`Initech             ${BASE}/c/tokenInitech`));
    expect(lines[initech + 1]).toMatch(/sign in as you@initech\.example {3}\(allowed: initech\.example, \*\.initech-labs\.example\)$/);

    expect(lines).toContain(NO_SMTP_NOTICE);
    expect(NO_SMTP_NOTICE).toBe('No SMTP_URL is set, so sign-in links and codes are printed in this log (development only).');
    expect(text).toMatch(/Demo API key +bk_demo/);
    const dashboard = lines.indexOf(`  Staff dashboard ${BASE}/admin`);
    expect(dashboard).toBeGreaterThan(0);
    expect(lines[dashboard + 1]).toMatch(/^ +sign in as admin@acme-cloud\.example {3}\(an admin;/);
  });

  it('says nothing about the log when SMTP is configured, and no demo lines without a demo', () => {
    const text = describeStart({ base: BASE, demo: null, isSmtpConfigured: true });
    expect(text).not.toContain('SMTP_URL');
    expect(text).not.toContain('Customer pages');
    expect(text).not.toContain('Demo API key');
    expect(text).toContain(`Staff API       ${BASE}/api/v1`);
    expect(text).toContain('npx beacon staff add <email> --role admin');
  });

  it('points a start that did not seed (a restart) to where every page is listed', () => {
    expect(describeStart({ base: BASE, demo: null, isSmtpConfigured: false })).toContain('Pages           npx beacon pages list');
    expect(describeStart({ base: BASE, demo, isSmtpConfigured: false })).not.toContain('npx beacon pages list');
  });
});
