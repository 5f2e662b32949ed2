/**
 * A stand-in for the transport under the real contract client, for component
 * tests: every call is recorded and answered from `core.replies` by method
 * name (an unknown method gets CONNECTION_LOST). Stores and client run as in
 * the app. Use with `vi.mock('@/api/transport', () => import('@/testing/fake-core'))`.
 */
export const core = {
  calls: [] as { method: string; input: unknown }[],
  replies: {} as Record<string, unknown>,
  reset(replies: Record<string, unknown> = {}): void {
    core.calls = [];
    core.replies = replies;
  },
  /** The inputs of every call of one method, in order. */
  inputsOf(method: string): unknown[] {
    return core.calls.filter((c) => c.method === method).map((c) => c.input);
  },
};

const transport = {
  state: 'open' as const,
  async call(method: string, input: unknown): Promise<unknown> {
    core.calls.push({ method, input });
    return (
      core.replies[method] ?? { ok: false, error: { code: 'CONNECTION_LOST', message: `no reply to ${method} in this test` } }
    );
  },
  onPush: (): (() => void) => () => {},
  onConnectionChange: (): (() => void) => () => {},
};

export function getTransport(): typeof transport {
  return transport;
}
