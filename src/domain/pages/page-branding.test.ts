import { describe, expect, it } from 'vitest';
import { BeaconError } from '../errors.js';
import { contrastRatio, readableShade } from './contrast.js';
import { LOGO_MAX_BYTES, checkLogoImage, sniffLogoType } from './logo-image.js';
import { checkBrandColor, checkSupportUrl, checkUptimeDisplay } from './page-branding.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof BeaconError) return error.message;
    throw error;
  }
  throw new Error('not refused');
};

describe('checkSupportUrl', () => {
  it('keeps https, mailto and http on localhost', () => {
    expect(checkSupportUrl(' https://help.example.com/contact ', 'u')).toBe('https://help.example.com/contact');
    expect(checkSupportUrl('mailto:support@example.com', 'u')).toBe('mailto:support@example.com');
    expect(checkSupportUrl('http://localhost:3000/help', 'u')).toBe('http://localhost:3000/help');
  });
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://help.example.com',
    'ftp://example.com',
    '//evil.example',
    '/help',
    'https://user:pass@example.com',
    'https://exa mple.com',
    'https://example.com/\u0000',
    'mailto:',
    'mailto:a@example.com,b@evil.example',
    `https://example.com/${'a'.repeat(2000)}`,
  ])('refuses %s', (url) => {
    expect(refusal(() => checkSupportUrl(url, 'support_url'))).toMatch(/^support_url: /);
  });
});

describe('checkBrandColor and checkUptimeDisplay', () => {
  it('takes #rrggbb in any case, stored lower-case', () => {
    expect(checkBrandColor('#1D4ED8', 'c')).toBe('#1d4ed8');
  });
  it.each(['1d4ed8', '#fff', '#1d4ed8ff', 'red', 'rgb(0,0,0)', '#1d4eg8', '#1d4ed8;}body{'])('refuses %s', (color) => {
    expect(refusal(() => checkBrandColor(color, 'brand_color'))).toMatch(/^brand_color: /);
  });
  it('knows the three displays only', () => {
    expect(checkUptimeDisplay('bars_only', 'u')).toBe('bars_only');
    expect(refusal(() => checkUptimeDisplay('percentage_only', 'uptime_display'))).toMatch(/^uptime_display: must be one of/);
  });
});

describe('logo images', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
  const webp = new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
  it('tells PNG, JPEG and WebP by their bytes', () => {
    expect(sniffLogoType(png)).toBe('image/png');
    expect(sniffLogoType(jpeg)).toBe('image/jpeg');
    expect(sniffLogoType(webp)).toBe('image/webp');
  });
  it('refuses SVG, GIF, other RIFF files, empty and oversized files', () => {
    expect(sniffLogoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffLogoType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffLogoType(new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVE')]))).toBeNull();
    expect(refusal(() => checkLogoImage(new Uint8Array(), 'logo'))).toBe('logo: choose an image file');
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(png);
    expect(refusal(() => checkLogoImage(big, 'logo'))).toBe('logo: must be at most 256 KiB');
    expect(checkLogoImage(big.subarray(0, LOGO_MAX_BYTES), 'logo')).toBe('image/png');
  });
});

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
  it('keeps a readable colour and shades an unreadable one only as far as needed', () => {
    expect(readableShade('#1d4ed8', ['#ffffff'], 4.5, 'black')).toBe('#1d4ed8');
    const shade = readableShade('#ffcc00', ['#ffffff', '#f5f6f8'], 4.5, 'black');
    expect(contrastRatio(shade, '#f5f6f8')).toBeGreaterThanOrEqual(4.5);
    expect(shade).not.toBe('#000000');
    const dark = readableShade('#1d4ed8', ['#0b0f14', '#131a22'], 4.5, 'white');
    expect(contrastRatio(dark, '#131a22')).toBeGreaterThanOrEqual(4.5);
  });
});
