import { pathIncluded, normalizePath, mergeConfig, DEFAULT_CONFIG } from '../../src/config/index.js';

describe('pathIncluded', () => {
  const config = mergeConfig(DEFAULT_CONFIG, { paths: { exclude: ['internal/legacy/**', '**/*_gen.go'] } });

  it('includes Go files at any depth, including the root, by default', () => {
    expect(pathIncluded('main.go', DEFAULT_CONFIG)).toBe(true);
    expect(pathIncluded('cmd/server/main.go', DEFAULT_CONFIG)).toBe(true);
    expect(pathIncluded('.github/tools/x.go', DEFAULT_CONFIG)).toBe(true);
    expect(pathIncluded('README.md', DEFAULT_CONFIG)).toBe(false);
    expect(pathIncluded('main.go.orig', DEFAULT_CONFIG)).toBe(false);
  });

  it('lets exclude win over include', () => {
    expect(pathIncluded('internal/legacy/old.go', config)).toBe(false);
    expect(pathIncluded('internal/legacy/deep/er/old.go', config)).toBe(false);
    expect(pathIncluded('internal/legacyish/new.go', config)).toBe(true);
    expect(pathIncluded('pkg/types_gen.go', config)).toBe(false);
    expect(pathIncluded('types_gen.go', config)).toBe(false);
    expect(pathIncluded('pkg/types.go', config)).toBe(true);
  });

  it('restricts to the include globs given', () => {
    const only = mergeConfig(DEFAULT_CONFIG, { paths: { include: ['cmd/**/*.go', 'pkg/*.go'] } });
    expect(pathIncluded('cmd/a/b.go', only)).toBe(true);
    expect(pathIncluded('pkg/a.go', only)).toBe(true);
    expect(pathIncluded('pkg/sub/a.go', only)).toBe(false);
    expect(pathIncluded('internal/a.go', only)).toBe(false);
  });

  it('normalises ./ prefixes and backslashes', () => {
    expect(normalizePath('.\\internal\\legacy\\x.go')).toBe('internal/legacy/x.go');
    expect(pathIncluded('./internal/legacy/x.go', config)).toBe(false);
    expect(pathIncluded('internal\\legacy\\x.go', config)).toBe(false);
  });

  it('sees a config whose globs changed after an earlier call', () => {
    const c = mergeConfig(DEFAULT_CONFIG, {});
    expect(pathIncluded('a/b.go', c)).toBe(true);
    c.paths.exclude.push('a/**');
    expect(pathIncluded('a/b.go', c)).toBe(false);
  });
});
