import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Module boundaries, read from the source: every relative import (type-only ones too) of every
// .ts file under src/ and common/, grouped by the unit it lives in. A unit is a module folder:
// src/modules/<name>, src/channels/<name>, the files directly in src/channels ("channels", what
// all channels share), any other folder of src/ (http, jobs, db, lib, workflow, policies, …), a
// file directly in src/ (app, config, context, …), and common/. Two files of src/jobs are a unit of
// their own, "jobs/wiring": handlers.ts names the handler of every topic and scheduler.ts what runs
// periodically, so they import the channels and modules that enqueue through the rest of jobs, as
// app.ts imports everything. Units must not import each other in a cycle, and a few layers may not
// import certain others at all.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The unit a file (path relative to the repository) belongs to. */
function unitOf(file: string): string {
  const [top, first = '', second = ''] = file.split('/');
  if (top === 'common') return 'common';
  if (file === 'src/jobs/handlers.ts' || file === 'src/jobs/scheduler.ts') return 'jobs/wiring';
  if (!second) return first.replace(/\.ts$/, '');
  if (first === 'modules' || first === 'channels')
    return file.split('/').length === 3 ? first : `${first}/${second}`;
  return first;
}

/**
 * The module specifiers of a file's `import … from`, `export … from`, `import '…'` and
 * `import('…')`. A pattern, not a parser (the installed compiler has no JavaScript API): each
 * statement starts a line and holds no quote or semicolon before its `from`, as Biome formats them.
 */
function specifiers(source: string): string[] {
  const statements = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm;
  const bare = /\bimport\s*\(?\s*['"]([^'"]+)['"]/g;
  return [...source.matchAll(statements), ...source.matchAll(bare)].map((m) => m[1] ?? '');
}

type Edge = { from: string; to: string; file: string; target: string };

function importEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of [...tsFiles('src'), ...tsFiles('common')]) {
    for (const fileName of specifiers(readFileSync(join(ROOT, file), 'utf8'))) {
      if (!fileName.startsWith('.')) continue;
      const target = relative(ROOT, resolve(ROOT, dirname(file), fileName)).replace(/\.js$/, '.ts');
      const from = unitOf(file);
      const to = unitOf(target);
      if (from !== to) edges.push({ from, to, file, target });
    }
  }
  return edges;
}

/** The groups of units that reach each other (Tarjan's strongly connected components), of two or more. */
function tangles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (unit: string) => {
    index.set(unit, index.size);
    low.set(unit, index.size - 1);
    stack.push(unit);
    for (const next of graph.get(unit) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(unit, Math.min(low.get(unit) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) {
        low.set(unit, Math.min(low.get(unit) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(unit) !== index.get(unit)) return;
    const group: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = top === unit ? undefined : stack.pop())
      group.push(top);
    if (group.length > 1) found.push(group.sort());
  };
  for (const unit of [...graph.keys()].sort()) if (!index.has(unit)) visit(unit);
  return found;
}

/** A shortest cycle through `start` within `group`, found breadth first. */
function shortestCycle(graph: Map<string, Set<string>>, group: string[], start: string): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
    for (const next of graph.get(unit) ?? []) {
      if (!group.includes(next) || from.has(next)) continue;
      if (next === start) {
        const path: string[] = [];
        for (let at = unit; at !== start; at = from.get(at) ?? start) path.unshift(at);
        return [start, ...path, start];
      }
      from.set(next, unit);
      queue.push(next);
    }
  }
  return [start];
}

const edges = importEdges();
const graph = new Map<string, Set<string>>();
for (const e of edges) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));

/** Where each unit-to-unit import is made, to say which line to change. */
const witness = (from: string, to: string) =>
  edges.filter((e) => e.from === from && e.to === to).map((e) => `  ${e.file} → ${e.target}`);

describe('module boundaries', () => {
  it('reads every form of import', () => {
    const source = [
      "import type { A } from './a.js';",
      'import {\n  b,\n  type C,\n} from "../b.js";',
      "export { d } from './d.js';",
      "export * from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "const h = 'import nothing from here';",
    ].join('\n');
    expect(specifiers(source).sort()).toEqual(['../b.js', './a.js', './d.js', './e.js', './f.js', './g.js']);
  });

  it('sees the source tree', () => {
    expect(graph.get('http')?.has('modules/tickets')).toBe(true);
    expect(graph.size).toBeGreaterThan(20);
  });

  it('has no import cycle between units', () => {
    const report = tangles(graph).map((group) => {
      const cycle = shortestCycle(graph, group, group[0] ?? '');
      const lines = cycle.slice(1).flatMap((to, i) => witness(cycle[i] ?? '', to));
      return [`units ${group.join(', ')} import each other, e.g. ${cycle.join(' → ')}:`, ...lines].join('\n');
    });
    expect(report, `import cycles:\n${report.join('\n\n')}`).toEqual([]);
  });

  // Layer rules: [unit pattern, units it must not import, why].
  const rules: [RegExp, RegExp, string][] = [
    [/^common$/, /./, 'common/ is shared with the web and imports nothing of the server'],
    [
      /^workflow$/,
      /^(?!common$)/,
      'the workflow engine is pure (no database, clock, channels or HTTP); it reads the shared document types',
    ],
    [/^lib$/, /^(?!errors$)/, 'lib/ holds helpers that know nothing of the application but its error types'],
    [/^db$/, /^(?!context$|config$)/, 'the database layer knows no domain'],
    [/^(modules|channels|jobs|policies)(\/|$)/, /^(http|app|server|main)$/, 'only HTTP knows HTTP'],
    [
      /^(modules|channels|policies|workflow|db|lib)(\/|$)/,
      /^jobs\/wiring$/,
      'nothing below the wiring imports it',
    ],
    [
      /^(modules|policies)(\/|$)/,
      /^cli$|^demo$/,
      'the command line and the demo drive the modules, not the other way',
    ],
    [
      /^modules\/(?!channel-settings$|inbound-admin$)/,
      /^channels(\/|$)/,
      'domain modules do not know the channels; the channels call into them (the two admin ' +
        'modules over the channels are the exception: channel-settings tests and retires channel ' +
        'connections, inbound-admin reprocesses received messages)',
    ],
    [
      /^channels\/[^/]+$/,
      /^channels\/[^/]+$/,
      'a channel does not use another channel; shared code sits in src/channels',
    ],
  ];
  for (const [from, forbidden, why] of rules) {
    it(`${from} imports nothing matching ${forbidden}: ${why}`, () => {
      const bad = edges
        .filter((e) => from.test(e.from) && e.from !== e.to && forbidden.test(e.to))
        .map((e) => `${e.file} → ${e.target}`);
      expect(bad, why).toEqual([]);
    });
  }
});
