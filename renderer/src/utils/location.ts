/** A position from the phone: degrees (WGS-84, as browsers give it) and the accuracy radius in metres. */
export interface Fix {
  lat: number;
  lng: number;
  accuracy: number;
}

/** Five decimals is about a metre: finer digits would claim a precision a phone does not have. */
export function locationLine(fix: Fix, format: (values: { lat: string; lng: string; accuracy: number }) => string): string {
  return format({ lat: fix.lat.toFixed(5), lng: fix.lng.toFixed(5), accuracy: Math.max(1, Math.round(fix.accuracy)) });
}

/** The report's text with the location line added on a line of its own, replacing an earlier one. */
export function withLocation(text: string, line: string, previous: string | null): string {
  const base = previous && text.includes(previous) ? text.replace(previous, '').trimEnd() : text.trimEnd();
  return base ? `${base}\n${line}` : line;
}
