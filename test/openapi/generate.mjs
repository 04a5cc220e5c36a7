// Generates TypeScript types from an OpenAPI document with openapi-typescript, which needs the
// TypeScript 5 compiler API (the project compiles with TypeScript 7, which has none): its
// `typescript` import is answered with the `typescript5` package.
// Usage: node generate.mjs <openapi.json> <out.d.ts>
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/openapi-typescript/'))
    return next('typescript5', context);
  return next(specifier, context);
}`)}`,
);
const { default: openapiTS, astToString } = await import('openapi-typescript');
const [input, output] = process.argv.slice(2);
const ast = await openapiTS(JSON.parse(readFileSync(input, 'utf8')));
writeFileSync(output, astToString(ast));
