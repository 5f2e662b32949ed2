import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The numbered migrations of one engine, in order; the runner refuses gaps. */
export function readMigrations(kind: 'sqlite' | 'postgres'): { name: string; sql: string }[] {
  const dir = fileURLToPath(new URL(`../migrations/${kind}/`, import.meta.url));
  const names = readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort();
  names.forEach((name, i) => {
    if (Number(name.slice(0, 4)) !== i + 1) throw new Error(`County migrations of ${kind} have a gap before ${name}.`);
  });
  return names.map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}
