import type { DemoSummary } from '../services/demo/demo.js';

export const NO_SMTP_NOTICE = 'No SMTP_URL is set, so sign-in links and codes are printed in this log (development only).';

/** What `describeStart` needs to know about the running server. */
export interface StartFacts {
  /** The origin to print, e.g. `http://localhost:3000` (no trailing slash). */
  base: string;
  demo: DemoSummary | null;
  isSmtpConfigured: boolean;
}

const LABEL_WIDTH = 16;
const label = (text: string): string => `  ${text.padEnd(LABEL_WIDTH)}`;
const indent = ' '.repeat(2 + LABEL_WIDTH);

/**
 * The demo's pages under `base`: the public ones (the default at `/`, then the others and their
 * sub-pages), and each customer page with an address that may sign in to it. One line each.
 *
 * @example describeDemoPages('http://localhost:3000', summary)
 */
export function describeDemoPages(base: string, demo: DemoSummary): string[] {
  const [first, ...others] = demo.pageSlugs;
  const lines = [`${label('Status page')}${base}/   (the "${first}" page)`];
  const otherPaths = others.flatMap((slug) => [`/${slug}`, ...demo.subPagePaths.filter((path) => path.startsWith(`/${slug}/`))]);
  otherPaths.forEach((path, index) => lines.push(`${index === 0 ? label('Other pages') : indent}${base}${path}`));
  if (demo.customerPages.length > 0) {
    lines.push('', `${label('Customer pages')}private: open one, then sign in with an address at an allowed domain`);
    const nameWidth = Math.max(...demo.customerPages.map((page) => page.name.length)) + 2;
    for (const page of demo.customerPages) {
      lines.push(`${indent}${page.name.padEnd(nameWidth)}${base}${page.path}`);
      lines.push(`${indent}${' '.repeat(nameWidth)}sign in as ${page.exampleEmail}   (allowed: ${page.allowedDomains.join(', ')})`);
    }
  }
  return lines;
}

/** What a newcomer needs after `npm start`: where to look, how to sign in, and how to talk to the API. */
export function describeStart({ base, demo, isSmtpConfigured }: StartFacts): string {
  const lines = ['', `Beacon is running at ${base}/`, ''];
  // Only a start that seeded knows the demo's pages; any later start says where to find every page.
  if (demo) lines.push(...describeDemoPages(base, demo), '');
  else lines.push(`${label('Pages')}npx beacon pages list   (every page, customer pages with their private URLs)`, '');
  lines.push(`${label('Staff dashboard')}${base}/admin`);
  lines.push(
    demo
      ? `${indent}sign in as ${demo.staffAdmin}   (an admin; add staff: npx beacon staff add <email> --role <role>)`
      : `${indent}staff: npx beacon staff list   (the first admin: npx beacon staff add <email> --role admin)`,
  );
  lines.push(`${label('Staff API')}${base}/api/v1   (OpenAPI document: ${base}/api/v1/openapi.json)`);
  lines.push(`${label('Health')}${base}/healthz   ${base}/readyz`);
  if (demo) {
    lines.push('', `${label('Demo API key')}${demo.apiKey}`, `${indent}(shown once: only its hash is stored)`);
    lines.push(`${label('Try it')}curl -H "Authorization: Bearer ${demo.apiKey}" ${base}/api/v1/incidents`);
  }
  lines.push(`${label('New API key')}npx beacon api-key create --name <name> [--role admin|responder|viewer]`, '');
  if (!isSmtpConfigured) lines.push(NO_SMTP_NOTICE, '');
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
