/**
 * Text prepared for the two FTS tables. Trigram matching finds any substring
 * of three or more characters; Chinese words are mostly two characters
 * (消防, 停车), so every overlapping character pair is indexed as a token too.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function bigrams(text: string): string {
  const pairs: string[] = [];
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const chars = [...word];
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  }
  return pairs.join(' ');
}

export function searchableText(e: { serial: string; title: string; description: string; address: string }): string {
  return [e.serial, e.title, e.description, e.address].join('\n');
}

/**
 * An FTS query for what a person typed: every term must match; terms of three
 * or more characters go to the trigram table, two-character terms to the bigram
 * table. Returns null when nothing searchable is left.
 */
export function ftsQueries(input: string): { trigram: string | null; bigram: string | null } {
  const terms = [...input.toLowerCase().matchAll(WORD)].map(([t]) => t);
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length === 2);
  return {
    trigram: long.length > 0 ? long.map(quote).join(' AND ') : null,
    bigram: short.length > 0 ? short.map(quote).join(' AND ') : null,
  };
}

export { maskPhone } from '../safety/personal-data';
