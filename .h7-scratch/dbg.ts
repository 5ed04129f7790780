import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://127.0.0.1:8797/status-issues.html');
const day = page.locator('.row').first().locator('.d').nth(86);
await day.hover();
console.log(await day.evaluate((el) => { const t = el.querySelector('.tip')!; const cs = getComputedStyle(t); return [el.matches(':hover'), cs.position, cs.width, cs.clipPath, cs.bottom, JSON.stringify(t.getBoundingClientRect()), JSON.stringify(el.getBoundingClientRect())]; }));
await browser.close();
