/**
 * The core stores an audit row's details as a JSON object: plain fields
 * (`{ name: "一村" }`) or changes (`{ name: { from: "一村", to: "二村" } }`).
 * One line of "field: value" is what a person scanning the log needs.
 */
export function formatAuditSummary(summary: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(summary);
  } catch {
    return summary; // not JSON: show as written
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return formatValue(parsed);
  return (
    Object.entries(parsed)
      // The record's id is already in the row (entityId); repeating it only pushes the details out of view.
      .filter(([key]) => key !== 'id')
      .map(
        ([key, value]) =>
          `${key}: ${isChange(value) ? `${formatValue(value.from)} → ${formatValue(value.to)}` : formatValue(value)}`,
      )
      .join('; ')
  );
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value && Object.keys(value).length === 2;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
