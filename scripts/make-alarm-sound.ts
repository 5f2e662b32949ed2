/**
 * Writes renderer/public/alarm.wav: a two-tone alarm (960 Hz / 770 Hz, like a
 * fire-brigade siren) one second long that loops without a click. Synthesized
 * here rather than downloaded, so its origin and licence are plain. Run with
 * `npx tsx scripts/make-alarm-sound.ts` after changing it; the output is committed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RATE = 22_050;
const TONES = [960, 770];
const TONE_SECONDS = 0.5;
const FADE_SECONDS = 0.01;
const VOLUME = 0.6;

export function alarmWav(): Buffer {
  const perTone = Math.round(RATE * TONE_SECONDS);
  const samples = new Int16Array(perTone * TONES.length);
  TONES.forEach((hz, t) => {
    for (let i = 0; i < perTone; i++) {
      // A short fade in and out of each tone: no clicks at the joins or when looping.
      const edge = Math.min(i, perTone - 1 - i) / (RATE * FADE_SECONDS);
      const envelope = Math.min(1, edge);
      const square = Math.sign(Math.sin((2 * Math.PI * hz * i) / RATE));
      const sine = Math.sin((2 * Math.PI * hz * i) / RATE);
      // Mostly sine with some square: harsh enough to be noticed, not painful.
      samples[t * perTone + i] = Math.round((0.7 * sine + 0.3 * square) * envelope * VOLUME * 32_767);
    }
  });
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

if (process.argv[1]?.endsWith('make-alarm-sound.ts')) {
  const out = join(import.meta.dirname, '..', 'renderer', 'public', 'alarm.wav');
  writeFileSync(out, alarmWav());
  console.log(`wrote ${out}`);
}
