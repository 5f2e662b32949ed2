import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clusterEmitter } from '../server/cluster';
import { ADD_USER_HELP, addUserCommand } from '../console/cli';
import { startCountyWithConsole } from '../console/start';
import { PostgresEngine } from '../store/postgres';
import { CountyStore } from '../store/store';

const HELP = `Usage:
  npm run county [-- --port 7345 --host 127.0.0.1 --data-dir .county] [--demo]
      start the reference county center (Socket.IO namespace /township); --demo registers
      the demo township QX with the token the demo app uses (never without --demo)
  npm run county -- add-township <id> <name>
      register a township (or give it a new token) and print its token
  npm run county -- send <township> <type> <file.json>
      append a message (assignment, iot_alarm, reference_data, supervision_order,
      escalation_reply, status_update, notice) to the township's log
  npm run county -- rotate-token <id>
      give the township a new token and print it; its live connections end at once
  npm run county -- revoke-township <id>
      refuse the township from now on (rotate-token lets it back in)
  npm run county -- refused <id>
      the changes of the township the county refused, with code and message
  npm run county -- list
      the townships with their last applied seq and last offset
${ADD_USER_HELP}

Environment: COUNTY_PORT (default 7345), COUNTY_HOST, COUNTY_DATA_DIR (default .county, the SQLite
file county.db), COUNTY_DATABASE_URL (postgres://…: PostgreSQL instead of SQLite; several county
processes on different ports may share it, and send, rotate-token and revoke-township reach the
townships connected to any of them).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
  },
});

const dataDir = resolve(values['data-dir'] ?? process.env.COUNTY_DATA_DIR ?? '.county');
const databaseUrl = process.env.COUNTY_DATABASE_URL || undefined;
const where = databaseUrl ? 'PostgreSQL (COUNTY_DATABASE_URL)' : dataDir;
const [command, ...args] = positionals;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (values.help) {
  console.log(HELP);
} else if (command === undefined || command === 'serve') {
  const port = Number(values.port ?? process.env.COUNTY_PORT ?? 7345);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`The port must be a number from 0 to 65535.`);
  const server = await startCountyWithConsole({
    dataDir,
    databaseUrl,
    port,
    host: values.host ?? process.env.COUNTY_HOST ?? '127.0.0.1',
    demo: values.demo,
  });
  console.log(
    `County center listening on ${server.url}${'/township'}, console at ${server.url}/ (data in ${where}). Press Ctrl+C to stop.`,
  );
  for (const t of await server.store.townships())
    console.log(`  township ${t.id} ${t.name}: seq ${t.lastSeq}, offset ${t.lastOffset}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else if (command === 'add-user') {
  try {
    console.log(await addUserCommand({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) }, args));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
} else {
  const store = await CountyStore.open({ dataDir, databaseUrl, poolSize: 2 });
  // On PostgreSQL the nodes hear of appends and token changes through the emitter; on SQLite they watch the file.
  const cluster = store.engine instanceof PostgresEngine ? await clusterEmitter(store.engine) : null;
  store.on('credentials', (id: string, version: number) => cluster?.disconnect(id, version));
  if (values.demo) await store.ensureDemoTownship();
  try {
    if (command === 'add-township') {
      const [id, name] = args;
      if (!id || !name) fail('Usage: npm run county -- add-township <id> <name>');
      console.log(await store.addTownship(id, name));
    } else if (command === 'send') {
      const [township, type, file] = args;
      if (!township || !type || !file) fail('Usage: npm run county -- send <township> <type> <file.json>');
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        fail(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      const message = await store.append(township, type, data);
      cluster?.poke(township);
      console.log(`Appended ${type} at offset ${message.offset} (id ${message.id}) for township ${township}.`);
    } else if (command === 'rotate-token') {
      const [id] = args;
      if (!id) fail('Usage: npm run county -- rotate-token <id>');
      console.log(await store.rotateToken(id));
    } else if (command === 'revoke-township') {
      const [id] = args;
      if (!id) fail('Usage: npm run county -- revoke-township <id>');
      await store.revokeTownship(id);
      console.log(`Township ${id} is revoked; its connections end and its token no longer works.`);
    } else if (command === 'refused') {
      const [id] = args;
      if (!id) fail('Usage: npm run county -- refused <id>');
      for (const r of await store.refused(id)) console.log(`seq ${r.seq}\t${r.entity} ${r.entityId}\t${r.code}\t${r.message}`);
    } else if (command === 'list') {
      for (const t of await store.townships()) console.log(`${t.id}\t${t.name}\tseq ${t.lastSeq}\toffset ${t.lastOffset}`);
    } else {
      fail(`Unknown command "${command}".\n\n${HELP}`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    await cluster?.flush();
    await store.close();
  }
}
