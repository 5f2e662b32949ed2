import type { Contract, MethodName, OutputOf, ParsedInputOf } from '../common/contract';
import type { ServiceContext } from './context';

/** Write methods run inside their transaction and must be synchronous; reads and jobs may return a promise. */
export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  input: ParsedInputOf<M>,
) => Contract[M]['kind'] extends 'write' ? OutputOf<M> : OutputOf<M> | Promise<OutputOf<M>>;

type NamespaceOf<M> = M extends `${infer N}.${string}` ? N : never;

/** The contract's namespaces ('events', 'iot', …): each one is a folder core/<ns>/ with a handlers.ts. */
export type Namespace = NamespaceOf<MethodName>;

export type MethodOf<N extends Namespace> = Extract<MethodName, `${N}.${string}`>;

/**
 * The handler map of one namespace, as each core/<ns>/handlers.ts declares it:
 * a method of the namespace left out, one that is not in the contract, or a
 * function of the wrong input or output is a compile error in that feature's
 * own module.
 */
export type HandlersOf<N extends Namespace> = { [M in MethodOf<N>]: Handler<M> };
