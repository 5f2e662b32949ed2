/**
 * `npm run test:soak [-- <kills> [seed]]`: the crash test at full size
 * (default 220 SIGKILLs). Prints one line per kill; exit code 1 on any problem.
 */
import { runCrashHarness } from '../core/testing/crash/harness';
import { tempDir } from '../db/testing';

const kills = Number(process.argv[2] ?? 220);
const seed = Number(process.argv[3] ?? Date.now() % 100_000);
const dir = tempDir('command-room-soak-');
console.log(`crash soak: ${kills} kills, seed ${seed}, data in ${dir.path}`);
const report = await runCrashHarness({ dataDir: dir.path, kills, seed, log: (line) => console.log(line) });
console.log(
  `${report.bundled ? 'bundled worker' : 'worker through tsx'}: ${report.kills} kills (${report.killedDuringStart} during start-up), ${report.committed} committed actions checked, ${(report.ms / 1000).toFixed(0)} s`,
);
for (const line of [...report.errors, ...report.problems]) console.error(`PROBLEM ${line}`);
if (report.errors.length || report.problems.length) {
  console.error(`kept the data folder for inspection: ${dir.path}`);
  process.exitCode = 1;
} else dir.remove();
