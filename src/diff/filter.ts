// reviewdog's four filter modes over the changed-line model. Pure.
//   added         the finding's start line is an added ('+') line
//   diff_context  the start line is shown in a hunk (added or context line)
//   file          the finding's file is in the diff and not deleted
//   nofilter      everything, including files outside the diff
import type { Finding } from '../engine/types.js';
import type { FileDiff, FilterMode, LineRange } from './types.js';

/** Whether `line` (1-based, new side) of a file in the diff is visible under `mode`. */
export function lineVisible(fd: FileDiff, line: number, mode: FilterMode): boolean {
  switch (mode) {
    case 'nofilter':
      return true;
    case 'file':
      return fd.status !== 'deleted';
    case 'diff_context':
      return fd.status !== 'deleted' && inRanges(fd.hunks, line);
    case 'added':
      return fd.status !== 'deleted' && inRanges(fd.added, line);
  }
}

/**
 * Keeps the findings visible under `mode`, in their order. A finding counts by its
 * start line; one in a file the diff does not touch is dropped unless `nofilter`.
 */
export function filterFindings(findings: Finding[], diff: FileDiff[], mode: FilterMode): Finding[] {
  if (mode === 'nofilter') return [...findings];
  const byPath = new Map<string, FileDiff>();
  for (const fd of diff) {
    // A path deleted and re-added in one diff (type change) keeps the live entry.
    const prev = byPath.get(fd.path);
    if (!prev || prev.status === 'deleted') byPath.set(fd.path, fd);
  }
  return findings.filter((f) => {
    const fd = byPath.get(f.path);
    return fd !== undefined && lineVisible(fd, f.line, mode);
  });
}

/** Binary search over sorted, disjoint inclusive ranges. */
export function inRanges(ranges: readonly LineRange[], line: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (line < r.start) hi = mid - 1;
    else if (line > r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
