/**
 * Prints which folders import which, read from the import statements themselves, so
 * docs/ARCHITECTURE.md can be checked against the code rather than memory.
 *
 *   npx tsx scripts/deps.ts              top-level folders (src/http, src/modules, common, web/src, …)
 *   npx tsx scripts/deps.ts --modules    one node per src/modules/<domain> and src/channels/<channel>
 *
 * Type-only imports count: they are dependencies of the code, if not of the running program.
 * Cycles between nodes are listed at the end.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const roots = ['src', 'common', 'web/src'];
const fine = process.argv.includes('--modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name)) return [];
    return [path];
  });
}

// Files at the top of src/ and web/src/ are either what starts the program (it imports everything,
// nothing imports it: one node) or what everything imports (config, context, errors: a node each).
// One node for both would make every folder look part of one cycle.
const entryFiles = new Set([
  'src/main.ts',
  'src/server.ts',
  'src/app.ts',
  'src/demo.ts',
  'web/src/main.tsx',
  'web/src/router.tsx',
]);

/** The node a file belongs to: a top-level folder, or with --modules one domain or channel. */
function nodeOf(file: string): string {
  const path = relative(root, file)
    .replace(/\.ts$/, '')
    .replace(/\.tsx$/, '');
  const parts = relative(root, file).split('/');
  if (parts[0] === 'common') return 'common';
  const base = parts[0] === 'web' ? 'web/src' : 'src';
  const topLevel = parts[0] === 'web' ? parts.length === 3 : parts.length === 2;
  if (topLevel) {
    const known = [...entryFiles].some((entry) => entry.replace(/\.tsx?$/, '') === path);
    return known ? `${base}/ (entry)` : relative(root, file);
  }
  if (parts[0] === 'web') return `web/src/${parts[2]}`;
  if (fine && (parts[1] === 'modules' || parts[1] === 'channels') && parts.length > 3) {
    return `src/${parts[1]}/${parts[2]}`;
  }
  return `src/${parts[1]}`;
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The file an import names: the server writes `.js` for `.ts`, the web app leaves extensions out. */
function resolveFile(path: string): string {
  const stem = path.replace(/\.js$/, '');
  const candidates = [`${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`, `${stem}/index.tsx`, path];
  return candidates.find((candidate) => existsSync(candidate)) ?? path;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2];
    if (!spec?.startsWith('.')) continue;
    found.push(resolveFile(resolve(dirname(file), spec)));
  }
  return found;
}

const edges = new Map<string, Map<string, number>>();
/** "from → to" → the file imports behind that edge, for the pairs that import each other. */
const fileEdges = new Map<string, string[]>();
for (const base of roots) {
  for (const file of sourceFiles(join(root, base))) {
    const from = nodeOf(file);
    for (const target of importsOf(file)) {
      const to = nodeOf(target);
      if (to === from) continue;
      const row = edges.get(from) ?? new Map<string, number>();
      row.set(to, (row.get(to) ?? 0) + 1);
      edges.set(from, row);
      const key = `${from} → ${to}`;
      fileEdges.set(key, [
        ...(fileEdges.get(key) ?? []),
        `${relative(root, file)} → ${relative(root, target)}`,
      ]);
    }
  }
}

for (const from of [...edges.keys()].sort()) {
  const row = edges.get(from) ?? new Map();
  const targets = [...row.entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log(`${from} → ${targets.map(([to, n]) => `${to} (${n})`).join(', ')}`);
}

// Tarjan's strongly connected components: any with more than one node is a cycle.
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const cycles: string[][] = [];
let counter = 0;
function visit(node: string): void {
  index.set(node, counter);
  low.set(node, counter);
  counter++;
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!index.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
    } else if (stack.includes(next)) {
      low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
  }
  if (low.get(node) !== index.get(node)) return;
  const component: string[] = [];
  let member: string | undefined;
  do {
    member = stack.pop();
    if (member) component.push(member);
  } while (member && member !== node);
  if (component.length > 1) cycles.push(component.sort());
}
for (const node of edges.keys()) if (!index.has(node)) visit(node);

// Pairs that import each other, each with the imports of its thinner direction: where to cut.
const mutual: string[] = [];
for (const [from, row] of edges) {
  for (const to of row.keys()) {
    if (from >= to || !edges.get(to)?.has(from)) continue;
    const there = fileEdges.get(`${from} → ${to}`) ?? [];
    const back = fileEdges.get(`${to} → ${from}`) ?? [];
    const thin = there.length <= back.length ? there : back;
    mutual.push(
      `  ${from} ⇄ ${to} (${there.length}/${back.length}):\n${thin.map((f) => `      ${f}`).join('\n')}`,
    );
  }
}
if (mutual.length) console.log(`\nfolders that import each other:\n${mutual.sort().join('\n')}`);

console.log(
  cycles.length ? `\ncycles:\n${cycles.map((c) => `  ${c.join(' ⇄ ')}`).join('\n')}` : '\nno cycles',
);
