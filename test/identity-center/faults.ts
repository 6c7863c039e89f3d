import type { OperationName } from './wire';

/** A failure to inject: an HTTP 500 in the service's shape, or a connection dropped mid-request. */
export interface FaultSpec {
  operation: OperationName;
  kind: 'http-500' | 'drop';
  /** How many of the next requests to that operation fail (default 1). */
  times?: number;
}

/** Faults waiting for their operation, consumed in the order they were injected. */
export class FaultPlan {
  private readonly queue = new Map<string, { kind: FaultSpec['kind']; remaining: number }[]>();

  add(fault: FaultSpec): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault times must be a positive integer, got ${times}`);
    if (fault.kind !== 'http-500' && fault.kind !== 'drop') throw new RangeError(`unknown fault kind ${String(fault.kind)}`);
    const list = this.queue.get(fault.operation) ?? [];
    list.push({ kind: fault.kind, remaining: times });
    this.queue.set(fault.operation, list);
  }

  /** The fault this request suffers, if any. */
  take(operation: string): FaultSpec['kind'] | undefined {
    const list = this.queue.get(operation);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) list.shift();
    return head.kind;
  }
}
