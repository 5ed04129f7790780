/**
 * CSV as RFC 4180 has it: fields separated by commas, records by CRLF (a bare LF or CR is taken too),
 * a field in double quotes may hold commas, line breaks and `""` for a quote. Pure, so the parser
 * takes a whole text (the callers cap its size first) and the writer turns one record into one line.
 */

/** One record and the line of the text it starts on (1-based), for errors a person can find. */
interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: string };

/**
 * Every record of `text`; a leading byte-order mark is dropped, a last record without its line break
 * is kept, and empty lines are skipped. Refuses (with its line) a quote inside an unquoted field,
 * anything but a comma or line break after a closing quote, and a quoted field never closed.
 *
 * @example parseCsv('email,note\r\na@example.com,"x, ""y"""\r\n')
 * // { ok: true, records: [{ line: 1, fields: ['email', 'note'] }, { line: 2, fields: ['a@example.com', 'x, "y"'] }] }
 */
export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const { length } = text;
  while (i < length) {
    const start = line;
    const fields: string[] = [];
    // One record: fields until a line break or the end.
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= length) return { ok: false, line: start, reason: 'a quoted field is not closed' };
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
          field += ch;
          i++;
        }
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
          return { ok: false, line, reason: 'a closing quote must be followed by a comma or a line break' };
        }
      } else {
        const end = nextDelimiter(text, i);
        field = text.slice(i, end);
        if (field.includes('"'))
          return { ok: false, line, reason: 'a quote inside an unquoted field (quote the whole field and double the quote)' };
        i = end;
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return { ok: true, records };
}

function nextDelimiter(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x2c || ch === 0x0a || ch === 0x0d) return i;
  }
  return text.length;
}

// A spreadsheet reads a cell starting with one of these as a formula (CSV injection); a tab or CR too.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One record as a CSV line, CRLF-terminated: a field with a comma, quote or line break is quoted, and
 * a field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`.
 *
 * @example csvLine(['a@example.com', '=HYPERLINK("x")']) // 'a@example.com,"\'=HYPERLINK(""x"")"\r\n'
 */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A field as it was before `csvLine` guarded it: an exported file read back gives the same values
 * (an address may start with `-` or `=`). Only a `'` before a formula character is taken off.
 */
export function unguardCsvField(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
