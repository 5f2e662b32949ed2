import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineTitle, testCountyDatabase, testEngines, type TestCountyDatabase } from '../store/testing';
import { createConsoleUser } from './api/auth';
import { startCountyWithConsole, type CountyWithConsole } from './start';
import { ConsoleClient, TownshipClient } from './testing/clients';

const postgres = testEngines().find((e) => e.kind === 'postgres')!;
const PASSWORD = 'county2026ok';

/** Two county nodes on one PostgreSQL: the console on either node reaches a township connected to the other. */
describe.skipIf(postgres.skip !== null)(`console across two nodes (${engineTitle(postgres)})`, () => {
  let database: TestCountyDatabase;
  let node1: CountyWithConsole;
  let node2: CountyWithConsole;
  let township: TownshipClient;
  let console2: ConsoleClient;

  beforeAll(async () => {
    database = await testCountyDatabase('postgres');
    node1 = await startCountyWithConsole({ ...database.options, port: 0, log: () => {}, poolSize: 4 });
    node2 = await startCountyWithConsole({ ...database.options, port: 0, log: () => {}, poolSize: 4 });
    township = new TownshipClient(node1.url, 'A', await node1.store.addTownship('A', '甲镇'));
    await township.connect();
    await createConsoleUser(node2.store.engine, {
      username: 'disp',
      displayName: '县调度员',
      role: 'county_dispatcher',
      password: PASSWORD,
    });
    console2 = new ConsoleClient(node2.url);
    expect((await console2.signIn('disp', PASSWORD)).ok).toBe(true);
  });
  afterAll(async () => {
    console2?.close();
    township?.close();
    await node2?.close();
    await node1?.close();
    await database?.remove();
  });

  it('sees the township connected to node 1 and pokes it within a second of an assignment through node 2', async () => {
    const { townships } = await console2.value<{ townships: { id: string; connected: boolean }[] }>('townships.list');
    expect(townships).toEqual([expect.objectContaining({ id: 'A', connected: true })]);
    const pokes = township.pokes;
    const started = Date.now();
    const { countyRef } = await console2.value<{ countyRef: string }>('assignments.create', {
      townshipId: 'A',
      title: '县级交办：跨节点',
      description: '经节点二交办',
      category: 'sanitation',
      requestType: 'complaint',
      priority: 'normal',
      riskColour: 'green',
      handleDueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await expect.poll(() => township.pokes, { timeout: 1000, interval: 20 }).toBeGreaterThan(pokes);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await township.pull()).at(-1)).toMatchObject({ type: 'assignment', data: { countyRef } });
  });
});
