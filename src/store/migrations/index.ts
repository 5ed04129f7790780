import type { Migration } from 'kysely';
import { foundation } from './0001-foundation.js';

/** Every migration, in order. Listed statically so they work the same from `src/` and `dist/`. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
};
