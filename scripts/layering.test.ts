import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering table of ARCHITECTURE.md is enforced by lint: prove each forbidden edge fails. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', () => {
  it.each([
    ['core/events/x.ts', "import { app } from 'electron';"],
    ['db/x.ts', "import { app } from 'electron';"],
    ['common/x.ts', "import { app } from 'electron';"],
    ['common/x.ts', "import { handlers } from '../core/handlers';"],
    ['common/x.ts', "import dayjs from 'dayjs';"],
    ['db/queries/x.ts', "import { startCore } from '../../core/app';"],
    ['renderer/src/stores/x.ts', "import { openDatabase } from '../../../db';"],
    ['renderer/src/stores/x.ts', "import { startCore } from '../../../core/app';"],
    ['renderer/src/stores/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/src/stores/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/x.ts', "import { openDatabase } from '../db/open';"],
    ['webhost/x.ts', "import { openDatabase } from '../db/open';"],
    ['core/x.ts', "import { secureWebPreferences } from '../electron/window';"],
    ['core/sync/client.ts', "import { startCountyServer } from '../../county/server';"],
    ['county/x.ts', "import { startCore } from '../core/app';"],
    ['county/x.ts', "import { openDatabase } from '../db/open';"],
  ])('%s may not %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['core/x.ts', "import { openDatabase } from '../db/open';"],
    ['core/x.ts', "import { contract } from '../common/contract';"],
    ['common/x.ts', "import { z } from 'zod';"],
    ['renderer/src/stores/x.ts', "import { contract } from '@common/contract';"],
    ['electron/x.ts', "import { startCore } from '../core/app';"],
    ['webhost/x.ts', "import { startCore } from '../core/app';"],
    ['core/testing/sync/x.ts', "import { startCountyServer } from '../../../county/server';"],
    ['core/sync/x.test.ts', "import { startCountyServer } from '../../county/server';"],
    ['county/x.ts', "import { parseChange } from '../common/protocol';"],
  ])('%s may %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
