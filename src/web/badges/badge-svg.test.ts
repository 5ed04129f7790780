import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { badgeSvg } from './badge-svg.js';
import { textWidth } from './verdana-widths.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

describe('badgeSvg', () => {
  it('is well-formed SVG with its text as title and aria-label, and widths from Verdana 11px', () => {
    const svg = badgeSvg({ label: 'Acme', message: 'operational', color: '#4c1' });
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = (parser.parse(svg) as { svg: Record<string, unknown> }).svg;
    expect(root.role).toBe('img');
    expect(root['aria-label']).toBe('Acme: operational');
    expect(root.title).toBe('Acme: operational');
    // "Acme" is 7.52 + 5.73 + 10.7 + 6.55 = 30.5 → 31 px, "operational" exactly 62 px, each with 5 px either side.
    expect(root.width).toBe(String(31 + 10 + 62 + 10));
    expect(svg).toContain('fill="#4c1"');
    expect(svg).not.toContain('<style');
  });

  it('escapes names, and drops characters XML cannot hold', () => {
    const svg = badgeSvg({ label: `<b>"R&D" 'lab'</b>\u0007`, message: 'degraded', color: '#dfb317' });
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = (parser.parse(svg) as { svg: Record<string, unknown> }).svg;
    // The parser decodes the entities back: the text survives whole.
    expect(root['aria-label']).toBe(`<b>"R&D" 'lab'</b>: degraded`);
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('\u0007');
  });

  it('measures any other character as wide as "m"', () => {
    expect(textWidth('m')).toBe(10.7);
    expect(textWidth('漢')).toBe(10.7);
    expect(textWidth('é')).toBe(6.55);
  });
});
