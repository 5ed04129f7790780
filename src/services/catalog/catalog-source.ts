import { parseAllDocuments } from 'yaml';
import type { FieldIssue } from '../../domain/errors.js';
import { fileError } from './catalog-mapping-file.js';

/** A parsed source file: its name (as given on the command line) and its documents. */
export interface SourceFile {
  name: string;
  /** One per YAML document (`---`), null for an empty one; a JSON file has one. */
  documents: unknown[];
}

/**
 * Parses a source file: JSON when it is named `*.json`, YAML otherwise, with every document of a
 * multi-document file (Backstage `catalog-info.yaml` files often hold several). Empty documents
 * are null. Syntax errors name the file, the document and the line.
 */
export function parseSourceFile(name: string, text: string): SourceFile {
  if (name.toLowerCase().endsWith('.json')) {
    try {
      return { name, documents: [JSON.parse(text) as unknown] };
    } catch (error) {
      throw fileError(name, [{ path: '(file)', message: `is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const documents = parseAllDocuments(text, { prettyErrors: true });
  // parseAllDocuments answers an empty list for an empty file, and a lone value otherwise.
  const list = Array.isArray(documents) ? documents : [documents];
  const issues: FieldIssue[] = [];
  const values: unknown[] = [];
  list.forEach((document, index) => {
    const [problem] = document.errors;
    if (problem) {
      const line = problem.linePos?.[0].line;
      issues.push({
        path: `documents[${index}]`,
        message: `is not valid YAML${line === undefined ? '' : ` (line ${line})`}: ${problem.message.split('\n')[0]}`,
      });
      return;
    }
    // Empty documents stay (as null) so that document numbers in messages match the file.
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    values.push(value ?? null);
  });
  if (issues.length > 0) throw fileError(name, issues);
  return { name, documents: values };
}
