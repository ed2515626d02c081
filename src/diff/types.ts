// Changed-line model of a unified diff (git diff or GitHub's per-file `patch`).

/** Inclusive 1-based line range in the new (head) version of a file. */
export interface LineRange {
  start: number;
  end: number;
}

export type FileStatus = 'added' | 'modified' | 'renamed' | 'deleted';

export interface FileDiff {
  /** Path in the new version (for deleted files: the old path). Forward slashes, no a/ b/ prefix. */
  path: string;
  /** Path in the old version when renamed. */
  oldPath?: string;
  status: FileStatus;
  binary: boolean;
  /** Lines added in the new version ('+' lines). */
  added: LineRange[];
  /** Every new-version line shown in a hunk: added lines plus context lines. */
  hunks: LineRange[];
}

/** How findings are filtered against a diff, reviewdog's four modes. */
export type FilterMode = 'added' | 'diff_context' | 'file' | 'nofilter';
export const FILTER_MODES: readonly FilterMode[] = ['added', 'diff_context', 'file', 'nofilter'];
