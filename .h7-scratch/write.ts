import { writeFileSync, mkdirSync } from 'node:fs';
import { STYLESHEET, SCRIPT, renderStatusPage, renderIncidentPage, renderHistoryPage, renderNotFoundPage } from '../src/web/public/render.js';
import { sample, NOW } from './sample.js';
const out = '/tmp/h7-html';
mkdirSync(out + '/assets', { recursive: true });
writeFileSync(out + STYLESHEET.path, STYLESHEET.body);
writeFileSync(out + SCRIPT.path, SCRIPT.body);
const opts = { publicUrl: 'http://localhost' };
for (const v of ['issues', 'ok', 'critical', 'maintenance', 'minor'] as const) {
  const { snapshot, page } = sample(v);
  writeFileSync(`${out}/status-${v}.html`, renderStatusPage(snapshot, page, NOW, opts));
}
const { snapshot, page } = sample('issues');
writeFileSync(`${out}/incident.html`, renderIncidentPage(snapshot, page, 'past1', NOW, opts)!);
writeFileSync(`${out}/incident-open.html`, renderIncidentPage(snapshot, page, 'open1', NOW, opts)!);
writeFileSync(`${out}/history.html`, renderHistoryPage(snapshot, page, '2026-03', NOW, opts)!);
writeFileSync(`${out}/history-empty.html`, renderHistoryPage(snapshot, page, '2025-12', NOW, opts)!);
writeFileSync(`${out}/404.html`, renderNotFoundPage(opts));
console.log('ok', STYLESHEET.path);
