import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../common/contract';

/**
 * One name and one place per feature: a contract namespace `ns` (the part of
 * a method name before the dot) is found under the same name on every layer:
 *
 * - common/contract/<ns>.ts  exports `<ns>Contract`, holding only `<ns>.*` methods;
 * - core/<ns>/handlers.ts    exports `<ns>Handlers`, binding exactly the `<ns>.*` methods;
 * - db/queries/<ns>.ts       holds the namespace's SQL (exceptions below, each with its reason);
 * - renderer/src/stores/     has `<ns>.ts`, or files named `<ns>` or its singular followed by
 *                            a capitalised part (`eventQueue.ts`, `auditVerify.ts`) when one
 *                            namespace's store is split by page; together they call at least
 *                            one `<ns>.*` method, so a name alone (an empty re-export) does not count.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const NAMESPACES = [...new Set(METHOD_NAMES.map((m) => m.slice(0, m.indexOf('.'))))];
const methodsOf = (ns: string) => METHOD_NAMES.filter((m) => m.startsWith(`${ns}.`)).sort();

/**
 * Namespaces whose SQL is not in db/queries/<ns>.ts, with the module that
 * holds it instead. Keep this list short and true: the test fails once the
 * namespace gets its own query module, so the exception must then go.
 */
const QUERY_MODULE_EXCEPTIONS: Record<string, { module: string | null; why: string }> = {
  imports: {
    module: 'db/queries/org.ts',
    why: 'an import validates a whole sheet and then writes through the directory and account queries (org.ts, users.ts); it has no table of its own',
  },
  backups: {
    module: 'db/backup.ts',
    why: 'a backup is a file beside the database, not rows of a table; the SQLite side (VACUUM INTO, quick_check, inspecting a file) is db/backup.ts',
  },
};

/** Folders of core/ that are no contract namespace: shared plumbing, not features. */
const CORE_SHARED_FOLDERS = {
  'case-file': 'the case-file core every kind of case shares: recordChange, timelines',
  sheets: 'the one safe spreadsheet reader (a worker thread with limits) every import uses',
  demo: 'the demo township seed',
  print: 'HTML → PDF for every feature that prints',
  safety: 'storage errors and personal-data masking used by all features',
  testing: 'test support (startTestCore, fixtures, harnesses)',
};

const SQL = /\b(SELECT|INSERT|UPDATE|DELETE|VACUUM)\b/;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function storeFiles(ns: string): string[] {
  const stems = [...new Set([ns, ns.replace(/s$/, '')])];
  return readdirSync(join(ROOT, 'renderer/src/stores'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .filter((f) => stems.some((stem) => f === `${stem}.ts` || new RegExp(`^${stem}[A-Z]\\w*\\.ts$`).test(f)))
    .map((f) => `renderer/src/stores/${f}`);
}

describe('contract namespaces have one name and one place on every layer', () => {
  it('the contract has namespaces to check', () => {
    expect(NAMESPACES.length).toBeGreaterThanOrEqual(13);
    expect(NAMESPACES).toContain('backups');
  });

  it.each(NAMESPACES)('%s: common/contract/<ns>.ts defines only its own methods', async (ns) => {
    const path = `common/contract/${ns}.ts`;
    expect(existsSync(join(ROOT, path)), `${path} is missing`).toBe(true);
    const module = (await import(join(ROOT, path))) as Record<string, unknown>;
    const spec = module[`${ns}Contract`] as Record<string, unknown> | undefined;
    expect(spec, `${path} does not export ${ns}Contract`).toBeDefined();
    expect(Object.keys(spec!).sort()).toEqual(methodsOf(ns));
  });

  it.each(NAMESPACES)('%s: core/<ns>/handlers.ts binds exactly its methods', async (ns) => {
    const dir = `core/${ns}`;
    expect(existsSync(join(ROOT, dir)) && statSync(join(ROOT, dir)).isDirectory(), `${dir}/ is missing`).toBe(true);
    const module = (await import(join(ROOT, dir, 'handlers.ts'))) as Record<string, unknown>;
    const handlers = module[`${ns}Handlers`] as Record<string, unknown> | undefined;
    expect(handlers, `${dir}/handlers.ts does not export ${ns}Handlers`).toBeDefined();
    expect(Object.keys(handlers!).sort()).toEqual(methodsOf(ns));
    for (const fn of Object.values(handlers!)) expect(typeof fn).toBe('function');
  });

  it.each(NAMESPACES)('%s: its SQL is in db/queries/<ns>.ts', (ns) => {
    const own = `db/queries/${ns}.ts`;
    const exception = QUERY_MODULE_EXCEPTIONS[ns];
    if (exception) {
      expect(existsSync(join(ROOT, own)), `${own} exists now: remove ${ns} from QUERY_MODULE_EXCEPTIONS`).toBe(false);
      if (exception.module) expect(read(exception.module)).toMatch(SQL);
      else
        for (const file of readdirSync(join(ROOT, 'core', ns)))
          expect(read(`core/${ns}/${file}`), `core/${ns}/${file} reaches the database`).not.toMatch(/db\/queries/);
      return;
    }
    expect(existsSync(join(ROOT, own)), `${own} is missing`).toBe(true);
    expect(read(own), `${own} has no SQL of its own`).toMatch(SQL);
  });

  it.each(NAMESPACES)('%s: its store in renderer/src/stores calls its methods', (ns) => {
    const files = storeFiles(ns);
    expect(files, `no store named ${ns}.ts (or ${ns.replace(/s$/, '')}Xxx.ts)`).not.toEqual([]);
    const called = methodsOf(ns).filter((m) => files.some((f) => read(f).includes(`'${m}'`)));
    expect(called, `${files.join(', ')} call no ${ns}.* method`).not.toEqual([]);
  });

  it('every folder of core/ is a contract namespace or listed shared plumbing', () => {
    const folders = readdirSync(join(ROOT, 'core')).filter((f) => statSync(join(ROOT, 'core', f)).isDirectory());
    const stray = folders.filter((f) => !NAMESPACES.includes(f) && !(f in CORE_SHARED_FOLDERS));
    expect(stray).toEqual([]);
    for (const shared of Object.keys(CORE_SHARED_FOLDERS)) expect(folders).toContain(shared);
  });

  it('the query-module exceptions name real namespaces', () => {
    for (const ns of Object.keys(QUERY_MODULE_EXCEPTIONS)) expect(NAMESPACES).toContain(ns);
  });
});
