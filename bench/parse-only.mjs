// The baseline: read the same files and parse them with the same YAML parser, options and
// conversion to values that aks-gate uses, and nothing else.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.ya?ml$/.test(entry.name)) yield path;
  }
}

let documents = 0;
const keep = []; // keep the parsed documents alive, as a scanner that reports positions must
for (const path of files(process.argv[2])) {
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'), { lineCounter, version: '1.1', prettyErrors: false })) {
    keep.push(doc.toJS({ maxAliasCount: 100 }), doc);
    documents += 1;
  }
}
process.stdout.write(`${documents}\n`);
