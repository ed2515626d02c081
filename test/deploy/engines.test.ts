// `npm ci` on this project's Node prints no EBADENGINE warning: every locked package's declared
// `engines.node` accepts the running Node (what npm checks). content-type 3 (through
// @octokit/request) declares node >= 22 although it runs on 20; package.json overrides it with
// 1.0.5, whose parse() gives @octokit/request the same { type, parameters }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean };

test('every locked package accepts the running Node', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> };
  const refused = Object.entries(lock.packages)
    .filter(([path, p]) => path && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .filter(([, p]) => !semver.satisfies(process.versions.node, (p.engines as { node: string }).node))
    .map(([path, p]) => `${path} wants node ${(p.engines as { node: string }).node}`);
  expect(refused).toEqual([]);
});

test('the content-type override parses what @octokit/request reads', () => {
  // Where npm put it for @octokit/request (nested or hoisted).
  const nested = createRequire(new URL('../../node_modules/@octokit/request/package.json', import.meta.url));
  const { parse } = nested('content-type') as { parse(header: string): { type: string; parameters: Record<string, string> } };
  const t = parse('application/json; charset=utf-8');
  expect(t.type).toBe('application/json');
  expect(t.parameters.charset).toBe('utf-8');
});
