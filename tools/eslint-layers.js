// An ESLint rule that keeps Beacon's layers honest: a file under src/<layer>/ may import only from its own
// layer or from the layers below it (docs/architecture.md). It resolves each relative import against the
// importing file, so nested folders and re-exports are judged by where the imported file really lives.
import path from 'node:path';

/** Each layer, and the layers its files may import from (besides itself). */
export const LAYERS = {
  domain: [],
  store: ['domain'],
  services: ['domain', 'store'],
  config: ['domain', 'store'],
  web: ['domain', 'store', 'services', 'config'],
  cli: ['domain', 'store', 'services', 'config', 'web'],
};

const SRC = path.resolve('src');

/** The layer a path under src/ belongs to; src/config.ts (the settings type) sits with config. */
function layerOf(file) {
  const relative = path.relative(SRC, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const [first] = relative.split(path.sep);
  if (first === 'config.ts' || first === 'config.js') return 'config';
  return first in LAYERS ? first : undefined;
}

const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'A layer imports only from itself and the layers below it.' },
    schema: [],
    messages: {
      upward: "The {{from}} layer must not import from the {{to}} layer ('{{source}}'): {{from}} may import only {{allowed}}.",
    },
  },
  create(context) {
    const file = path.resolve(context.filename);
    const from = layerOf(file);
    if (from === undefined) return {};
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(file), source));
      if (to === undefined || to === from || LAYERS[from].includes(to)) return;
      const allowed = LAYERS[from].length > 0 ? LAYERS[from].join(', ') : 'itself';
      context.report({ node: node.source, messageId: 'upward', data: { from, to, source, allowed } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'layer-boundaries': layerBoundaries } };
