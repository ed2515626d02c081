// A repository from before modules has no go.mod: the module view infers the
// tree's import path from the target's own imports (src/review/gopath.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { inferGopathTree } from '../../src/review/gopath.js';
import { moduleLayoutFor } from '../../src/review/module-disk.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gopath-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('GOPATH-era trees', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('two imports of one prefix that resolve under one ancestor name the tree', () => {
    root = tree({
      'builtin/providers/aws/migrate.go': 'package aws\n\nimport (\n\t"fmt"\n\n\t"github.com/aws/aws-sdk-go/aws"\n\t"github.com/hashicorp/terraform/helper/hashcode"\n\t"github.com/hashicorp/terraform/terraform"\n)\n',
      'terraform/state.go': 'package terraform\n',
      'helper/hashcode/hashcode.go': 'package hashcode\n',
    });
    expect(inferGopathTree(join(root, 'builtin/providers/aws'))).toEqual({ dir: root, path: 'github.com/hashicorp/terraform' });
    const layout = moduleLayoutFor([join(root, 'builtin/providers/aws')], root, { GOMODCACHE: join(root, 'none') });
    expect(layout.modules).toEqual([{ dir: '', path: 'github.com/hashicorp/terraform', requires: {}, replaces: {}, vendored: false }]);
  });

  it('one import, or a directory that is the target itself, proves nothing', () => {
    root = tree({
      'providers/aws/a.go': 'package aws\n\nimport "github.com/aws/aws-sdk-go/aws"\nimport "example.com/lib/terraform"\n',
      'terraform/t.go': 'package terraform\n',
    });
    expect(inferGopathTree(join(root, 'providers/aws'))).toBeUndefined();
  });
});
