// Stable finding identity: rule + path + normalised source line + occurrence
// index among identical (rule, path, line text) findings. Line numbers are left
// out so edits above a finding do not change it.
import { createHash } from 'node:crypto';

export function normaliseLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export class Fingerprinter {
  private readonly seen = new Map<string, number>();

  next(ruleId: string, path: string, lineText: string): string {
    const key = `${ruleId}\0${path}\0${normaliseLine(lineText)}`;
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 16);
  }
}
