import { parseConfig, DEFAULT_CONFIG, ConfigError, mergeConfig, type Config } from '../../src/config/index.js';

const RULES = ['map-alloc-in-loop', 'nil-map-write', 'map-clear-loop', 'concurrent-map-write'];

function parse(text: string): Config {
  return parseConfig(text, 'mapguard.yml', RULES);
}

function errorOf(text: string, source = 'mapguard.yml'): ConfigError {
  try {
    parseConfig(text, source, RULES);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`no ConfigError for:\n${text}`);
}

describe('parseConfig: valid files', () => {
  it('gives the documented defaults for an empty file, comments only, or an explicit null document', () => {
    const want: Config = {
      rules: {},
      paths: { include: ['**/*.go'], exclude: [] },
      filter: 'added',
      fail_on: 'error',
      comments: 'review',
      max_comments: 30,
      review_drafts: false,
      escape_analysis: { enabled: false, packages: 'changed', timeout_seconds: 300 },
      race_check: { enabled: false, packages: 'changed', count: 3, cpu: [], run: '', timeout_seconds: 600 },
      docs_url: '',
      tests: true,
      baseline: '',
      module_view: true,
    };
    expect(DEFAULT_CONFIG).toEqual(want);
    for (const text of ['', '\n\n', '# nothing here\n# at all\n', '~\n', '---\n']) expect(parse(text)).toEqual(want);
  });

  it('reads the architecture example in full', () => {
    const text = [
      'rules:                      # per rule: off | error | warning | notice',
      '  map-alloc-in-loop: off',
      'paths:',
      '  include: ["**/*.go"]',
      '  exclude: ["internal/legacy/**"]',
      'filter: added               # added | diff_context | file | nofilter',
      'fail_on: error',
      'comments: review',
      'max_comments: 30',
      'escape_analysis:',
      '  enabled: false',
      '  packages: changed',
      '  timeout_seconds: 300',
    ].join('\n');
    expect(parse(text)).toEqual({ ...DEFAULT_CONFIG, rules: { 'map-alloc-in-loop': 'off' }, paths: { include: ['**/*.go'], exclude: ['internal/legacy/**'] } });
  });

  it('keeps YAML 1.2 semantics: off/no stay strings, so `rule: off` means off', () => {
    expect(parse('rules:\n  nil-map-write: off\n  map-clear-loop: notice\n').rules).toEqual({ 'nil-map-write': 'off', 'map-clear-loop': 'notice' });
  });

  it('fills unset keys from the defaults and leaves nested defaults in place', () => {
    const c = parse('filter: diff_context\nescape_analysis:\n  enabled: true\n');
    expect(c.filter).toBe('diff_context');
    expect(c.escape_analysis).toEqual({ enabled: true, packages: 'changed', timeout_seconds: 300 });
    expect(c.paths).toEqual(DEFAULT_CONFIG.paths);
  });

  it('treats a section with every entry commented out as empty', () => {
    const c = parse('rules:\n  # map-alloc-in-loop: off\npaths:\nescape_analysis:\nfail_on: never\n');
    expect(c).toEqual({ ...DEFAULT_CONFIG, fail_on: 'never' });
  });

  it('accepts every enumerated value', () => {
    for (const filter of ['added', 'diff_context', 'file', 'nofilter']) expect(parse(`filter: ${filter}`).filter).toBe(filter);
    for (const f of ['error', 'warning', 'notice', 'never']) expect(parse(`fail_on: ${f}`).fail_on).toBe(f);
    for (const m of ['review', 'annotations', 'none']) expect(parse(`comments: ${m}`).comments).toBe(m);
    expect(parse('max_comments: 0').max_comments).toBe(0);
    expect(parse('review_drafts: true').review_drafts).toBe(true);
  });

  it('returns a config that does not share state with DEFAULT_CONFIG', () => {
    const c = parse('');
    c.paths.include.push('x');
    c.rules['nil-map-write'] = 'off';
    expect(DEFAULT_CONFIG.paths.include).toEqual(['**/*.go']);
    expect(DEFAULT_CONFIG.rules).toEqual({});
    expect(Object.isFrozen(DEFAULT_CONFIG.paths.include)).toBe(true);
  });

  it('resolves anchors and aliases', () => {
    expect(parse('paths:\n  include: &g ["a/**/*.go"]\n  exclude: *g\n').paths).toEqual({ include: ['a/**/*.go'], exclude: ['a/**/*.go'] });
  });
});

describe('parseConfig: every problem is one line naming file, line and key', () => {
  const cases: { name: string; text: string; message: string; key?: string; line?: number }[] = [
    {
      name: 'bad rule setting',
      text: 'filter: added\nrules:\n  map-alloc-in-loop: of\n',
      message: 'mapguard.yml:3: rules.map-alloc-in-loop: must be one of off, error, warning, notice (got "of")',
      key: 'rules.map-alloc-in-loop',
      line: 3,
    },
    {
      name: 'unknown rule id, with a suggestion',
      text: 'rules:\n  nil-map-write: warning\n  map-alloc-in-lop: off\n',
      message: 'mapguard.yml:3: rules.map-alloc-in-lop: unknown rule (did you mean map-alloc-in-loop?)',
      key: 'rules.map-alloc-in-lop',
      line: 3,
    },
    {
      name: 'unknown rule id, nothing close',
      text: 'rules:\n  totally-different: off\n',
      message: 'mapguard.yml:2: rules.totally-different: unknown rule (rules: map-alloc-in-loop, nil-map-write, map-clear-loop, concurrent-map-write)',
      line: 2,
    },
    {
      name: 'unknown top-level key, with a suggestion',
      text: 'filter: added\nfial_on: error\n',
      message: 'mapguard.yml:2: fial_on: unknown key (did you mean fail_on?)',
      key: 'fial_on',
      line: 2,
    },
    {
      name: 'unknown nested key, listing the expected ones',
      text: 'paths:\n  include: ["**/*.go"]\n  skip: ["vendor/**"]\n',
      message: 'mapguard.yml:3: paths.skip: unknown key (expected one of include, exclude)',
      key: 'paths.skip',
      line: 3,
    },
    {
      name: 'unknown key whose value is a block on the following lines: the key line',
      text: 'filter: added\nescape:\n  enabled: true\n',
      message: 'mapguard.yml:2: escape: unknown key (expected one of rules, paths, filter, fail_on, comments, max_comments, review_drafts, escape_analysis, docs_url, tests, baseline, module_view, race_check)',
      line: 2,
    },
    {
      name: 'bad enum value',
      text: '\n\nfilter: changed\n',
      message: 'mapguard.yml:3: filter: must be one of added, diff_context, file, nofilter (got "changed")',
      key: 'filter',
      line: 3,
    },
    {
      name: 'bad enum value in a nested section',
      text: 'escape_analysis:\n  enabled: true\n  packages: some\n',
      message: 'mapguard.yml:3: escape_analysis.packages: must be one of changed, all (got "some")',
      line: 3,
    },
    {
      name: 'string where a number belongs',
      text: 'max_comments: "30"\n',
      message: 'mapguard.yml:1: max_comments: must be a whole number (got "30")',
      line: 1,
    },
    {
      name: 'fraction where a whole number belongs',
      text: 'max_comments: 2.5\n',
      message: 'mapguard.yml:1: max_comments: must be a whole number (got 2.5)',
    },
    {
      name: 'negative number',
      text: 'max_comments: -1\n',
      message: 'mapguard.yml:1: max_comments: must be at least 0 (got -1)',
    },
    {
      name: 'number above the limit',
      text: 'escape_analysis:\n  timeout_seconds: 99999\n',
      message: 'mapguard.yml:2: escape_analysis.timeout_seconds: must be at most 3600 (got 99999)',
    },
    {
      name: 'YAML 1.1 boolean spelling',
      text: 'review_drafts: yes\n',
      message: 'mapguard.yml:1: review_drafts: must be true or false (got "yes")',
    },
    {
      name: 'scalar where a list belongs',
      text: 'paths:\n  exclude: vendor/**\n',
      message: 'mapguard.yml:2: paths.exclude: must be a list (got "vendor/**")',
      key: 'paths.exclude',
    },
    {
      name: 'wrong item type inside a list',
      text: 'paths:\n  include:\n    - "**/*.go"\n    - 42\n',
      message: 'mapguard.yml:4: paths.include[1]: must be a string (got 42)',
      key: 'paths.include[1]',
      line: 4,
    },
    {
      name: 'empty glob',
      text: 'paths:\n  include: ["**/*.go", ""]\n',
      message: 'mapguard.yml:2: paths.include[1]: must not be empty',
    },
    {
      name: 'empty include list',
      text: 'paths:\n  include: []\n',
      message: 'mapguard.yml:2: paths.include: must list at least 1 entry',
    },
    {
      name: 'list where a mapping belongs',
      text: 'rules:\n  - nil-map-write\n',
      message: 'mapguard.yml:2: rules: must be a mapping (got a list)',
      key: 'rules',
    },
    {
      name: 'empty value for a scalar key',
      text: 'filter:\nfail_on: error\n',
      message: 'mapguard.yml:1: filter: must be one of added, diff_context, file, nofilter (got nothing)',
    },
    {
      name: 'top level not a mapping',
      text: '- filter: added\n',
      message: 'mapguard.yml:1: must be a mapping of settings (got a list)',
    },
    {
      name: 'top level a bare word',
      text: 'hello\n',
      message: 'mapguard.yml:1: must be a mapping of settings (got "hello")',
    },
    {
      name: 'YAML syntax error',
      text: 'rules:\n  nil-map-write: off\n filter: [added\n',
      message: 'mapguard.yml:3: invalid YAML: ',
    },
    {
      name: 'duplicate key',
      text: 'filter: added\nfail_on: error\nfilter: file\n',
      message: 'mapguard.yml:3: invalid YAML: Map keys must be unique',
    },
    {
      name: 'several documents',
      text: 'filter: added\n---\nfilter: file\n',
      message: 'mapguard.yml:2: invalid YAML: more than one document; remove the `---` separator',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const e = errorOf(c.text);
      if (c.message.endsWith(': ')) expect(e.message.startsWith(c.message)).toBe(true);
      else expect(e.message).toBe(c.message);
      expect(e.message).not.toContain('\n');
      if (c.key !== undefined) expect(e.key).toBe(c.key);
      if (c.line !== undefined) expect(e.line).toBe(c.line);
    });
  }

  it('reports the first problem in file order when there are several', () => {
    const e = errorOf('max_comments: -5\nfilter: nope\nbogus: 1\n');
    expect(e.message).toBe('mapguard.yml:1: max_comments: must be at least 0 (got -5)');
    expect(errorOf('rules:\n  nil-map-write: nope\nbogus: 1\n').line).toBe(2);
  });

  it('names the source it was given', () => {
    expect(errorOf('bogus: 1\n', '.github/mapguard.yml').message.startsWith('.github/mapguard.yml:1: bogus: unknown key')).toBe(true);
  });

  it('points at the line of a flow-style mapping entry', () => {
    expect(errorOf('rules: {nil-map-write: off,\n  map-clear-loop: bad}\n').message).toBe(
      'mapguard.yml:2: rules.map-clear-loop: must be one of off, error, warning, notice (got "bad")',
    );
  });

  it('refuses alias bombs with one line', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    const e = errorOf(lines.join('\n'));
    expect(e.message).toMatch(/^mapguard\.yml(:\d+)?: invalid YAML: /);
    expect(e.message).not.toContain('\n');
  });

  it('rejects every rule id when none is known', () => {
    expect(() => parseConfig('rules:\n  nil-map-write: off\n', 'm.yml', [])).toThrow('m.yml:2: rules.nil-map-write: unknown rule');
  });
});

describe('mergeConfig', () => {
  it('merges rules key by key, replaces arrays and scalars, ignores undefined and null', () => {
    const base = mergeConfig(DEFAULT_CONFIG, { rules: { 'nil-map-write': 'warning' }, paths: { exclude: ['a/**'] } });
    const merged = mergeConfig(base, {
      rules: { 'map-clear-loop': 'off' },
      paths: { include: ['cmd/**/*.go'] },
      filter: 'file',
      max_comments: undefined,
    });
    expect(merged.rules).toEqual({ 'nil-map-write': 'warning', 'map-clear-loop': 'off' });
    expect(merged.paths).toEqual({ include: ['cmd/**/*.go'], exclude: ['a/**'] });
    expect(merged.filter).toBe('file');
    expect(merged.max_comments).toBe(30);
    expect(mergeConfig(base, { escape_analysis: null as never }).escape_analysis).toEqual(DEFAULT_CONFIG.escape_analysis);
  });

  it('returns fresh objects and never pollutes prototypes', () => {
    const override = JSON.parse('{"rules":{"__proto__":{"polluted":"yes"}},"__proto__":{"polluted":"yes"}}');
    const merged = mergeConfig(DEFAULT_CONFIG, override);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((merged as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(merged.paths.include).not.toBe(DEFAULT_CONFIG.paths.include);
  });
});
