import { chromium } from 'playwright-core';
const pages = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const spec of pages) {
  const [name, width, scheme, action] = spec.split(':');
  const w = Number(width);
  const context = await browser.newContext({ viewport: { width: w, height: 900 }, colorScheme: scheme as 'light' | 'dark', timezoneId: 'America/New_York', locale: 'en-US', deviceScaleFactor: w < 500 ? 2 : 1 });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:8797/${name}.html`);
  const base = `/tmp/beacon-shots/dev-${name}-${width}-${scheme}`;
  if (action?.startsWith('hover=')) {
    const target = page.locator(action.slice(6)).first();
    await target.hover();
    const box = (await target.boundingBox())!;
    await page.screenshot({ path: `${base}-hover-${pages.indexOf(spec)}.png`, clip: { x: Math.max(0, box.x - 300), y: Math.max(0, box.y - 160), width: 600, height: 240 } });
  } else if (action?.startsWith('focus=')) {
    const target = page.locator(action.slice(6)).first();
    await target.focus();
    const box = (await target.boundingBox())!;
    await page.screenshot({ path: `${base}-focus-${pages.indexOf(spec)}.png`, clip: { x: Math.max(0, box.x - 300), y: Math.max(0, box.y - 160), width: 600, height: 240 } });
  } else {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const chunk = w < 500 ? 760 : 1400;
    for (let y = 0, i = 0; y < height; y += chunk, i++) {
      await page.screenshot({ path: `${base}-${i}.png`, fullPage: true, clip: { x: 0, y, width: w, height: Math.min(chunk, height - y) } });
    }
  }
  await context.close();
}
await browser.close();
