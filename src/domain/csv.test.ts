import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv, unguardCsvField } from './csv.js';

const fieldsOf = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.reason);
  return result.records.map((record) => record.fields);
};

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers records by their first line', () => {
    const result = parseCsv('email,note\r\na@example.com,"x, ""y"""\r\nb@example.com,"two\r\nlines"\r\nc@example.com,last');
    expect(result).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['email', 'note'] },
        { line: 2, fields: ['a@example.com', 'x, "y"'] },
        { line: 3, fields: ['b@example.com', 'two\r\nlines'] },
        { line: 5, fields: ['c@example.com', 'last'] },
      ],
    });
  });

  it('takes LF and CR line breaks, a byte-order mark, empty fields, and skips empty lines', () => {
    expect(fieldsOf('\ufeffa,b\n\n,c\rd,\n')).toEqual([
      ['a', 'b'],
      ['', 'c'],
      ['d', ''],
    ]);
    expect(fieldsOf('')).toEqual([]);
    expect(fieldsOf('""')).toEqual([]);
    expect(fieldsOf('"",x')).toEqual([['', 'x']]);
  });

  it('refuses malformed quoting with the line it is on', () => {
    expect(parseCsv('a\nb"c,d\n')).toEqual({ ok: false, line: 2, reason: expect.stringMatching(/quote inside an unquoted field/) });
    expect(parseCsv('a\n"b"c\n')).toEqual({ ok: false, line: 2, reason: expect.stringMatching(/closing quote/) });
    expect(parseCsv('a\n\n"b,\nc')).toEqual({ ok: false, line: 3, reason: 'a quoted field is not closed' });
  });
});

describe('csvLine', () => {
  it('quotes what needs quoting and round-trips through parseCsv', () => {
    const values = ['plain', 'with, comma', 'with "quotes"', 'two\r\nlines', '', 'é ü'];
    const line = csvLine(values);
    expect(line).toBe('plain,"with, comma","with ""quotes""","two\r\nlines",,é ü\r\n');
    expect(fieldsOf(line)).toEqual([values]);
  });

  it('guards a cell a spreadsheet would run as a formula with a leading quote, and unguardCsvField takes it back off', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '=HYPERLINK("http://evil")']) {
      const [field] = fieldsOf(csvLine([value]))[0]!;
      expect(field).toBe(`'${value}`);
      expect(unguardCsvField(field!)).toBe(value);
    }
    expect(unguardCsvField("'plain")).toBe("'plain");
    expect(csvLine(['a=b'])).toBe('a=b\r\n');
  });
});
