// The strerror text a program prints after a failed open or write (`can't open 'x': File exists`).
import { FsError, STRERROR } from '../../fs.ts';

export function fsErrorText(e: unknown): string {
  if (e instanceof FsError) return STRERROR[e.code];
  return e instanceof Error ? e.message : String(e);
}
