import { context, SpanKind, trace, type Context, type Span } from '@opentelemetry/api';
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_RESPONSE_STATUS_CODE,
  ATTR_DB_SYSTEM_NAME,
} from '@opentelemetry/semantic-conventions';
import type { ManagedTransaction, Result, ResultObserver } from 'neo4j-driver';
import {
  ATTR_APP_QUERY_PURPOSE,
  ATTR_APP_TRANSACTION_MODE,
  ATTR_DB_RESPONSE_RETURNED_ROWS,
  DB_SYSTEM_NAME_VALUE_NEO4J,
} from './attributes';
import { codeOf, markFailed, tracer } from './spans';

/** What every query of one transaction shares. */
export interface TransactionDescription {
  readonly database: string;
  /** The transaction's QueryPurpose. */
  readonly purpose: string;
  readonly mode: 'read' | 'write' | 'rehearse';
}

type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/**
 * The work, its transaction giving each query a span (`neo4j <purpose>`) that ends once the query's
 * result is consumed. Only when the caller is traced (a request, a load): a query outside one (the
 * change feed's polls) opens no trace of its own, and without the SDK the work is returned as is.
 * The statement is recorded, never its parameters.
 */
export function withQuerySpans<T>(work: Work<T>, transaction: TransactionDescription): Work<T> {
  // Captured now: the driver may call the work from a callback of its connection pool.
  const parent = context.active();
  if (!trace.getSpan(parent)?.isRecording()) return work;
  return (tx) => work(tracedTransaction(tx, parent, transaction));
}

function tracedTransaction(tx: ManagedTransaction, parent: Context, transaction: TransactionDescription) {
  const run: ManagedTransaction['run'] = (query, parameters) => {
    const span = tracer.startSpan(
      `${DB_SYSTEM_NAME_VALUE_NEO4J} ${transaction.purpose}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_NEO4J,
          [ATTR_DB_NAMESPACE]: transaction.database,
          [ATTR_DB_QUERY_TEXT]: typeof query === 'object' && 'text' in query ? query.text : String(query),
          [ATTR_APP_QUERY_PURPOSE]: transaction.purpose,
          [ATTR_APP_TRANSACTION_MODE]: transaction.mode,
        },
      },
      parent,
    );
    try {
      return endWhenConsumed(tx.run(query, parameters), span);
    } catch (error) {
      endFailed(span, error);
      throw error;
    }
  };
  return new Proxy(tx, {
    get: (target, property) => {
      if (property === 'run') return run;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The result as the caller uses it, ending the span however it is consumed: awaited (then, catch,
 * finally share the driver's one buffered promise, so watching it costs no second subscription),
 * subscribed to, asked for its summary, or iterated.
 */
function endWhenConsumed<R extends Result>(result: R, span: Span): R {
  let ended = false;
  const end = (error?: unknown, rows?: number) => {
    if (ended) return;
    ended = true;
    if (error !== undefined) endFailed(span, error);
    else {
      if (rows !== undefined) span.setAttribute(ATTR_DB_RESPONSE_RETURNED_ROWS, rows);
      span.end();
    }
  };
  let watched = false;
  const watchPromise = () => {
    if (watched) return;
    watched = true;
    result.then(
      ({ records }) => end(undefined, records.length),
      (error: unknown) => end(error),
    );
  };
  const subscribe = (observer: ResultObserver) => {
    let rows = 0;
    result.subscribe({
      onKeys: observer.onKeys?.bind(observer),
      onNext: (record) => {
        rows += 1;
        observer.onNext?.(record);
      },
      onCompleted: (summary) => {
        end(undefined, rows);
        observer.onCompleted?.(summary);
      },
      onError: (error) => {
        end(error);
        observer.onError?.(error);
      },
    });
  };
  const summary = () =>
    result.summary().then(
      (value) => (end(), value),
      (error: unknown) => {
        end(error);
        throw error;
      },
    );
  const iterate = () => {
    const iterator = result[Symbol.asyncIterator]();
    let rows = 0;
    return {
      ...iterator,
      next: () =>
        iterator.next().then(
          (step) => {
            if (step.done) end(undefined, rows);
            else rows += 1;
            return step;
          },
          (error: unknown) => {
            end(error);
            throw error;
          },
        ),
      return: (value?: unknown) => {
        end(undefined, rows);
        return iterator.return ? iterator.return(value as never) : Promise.resolve({ done: true as const, value });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  };
  return new Proxy(result, {
    get: (target, property) => {
      switch (property) {
        case 'then':
        case 'catch':
        case 'finally':
          watchPromise();
          break;
        case 'subscribe':
          return subscribe;
        case 'summary':
          return summary;
        case Symbol.asyncIterator:
          return iterate;
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A failed query: its Neo4j status code only (messages may quote parameter values). */
function endFailed(span: Span, error: unknown): void {
  const code = codeOf(error);
  span.setAttribute(ATTR_DB_RESPONSE_STATUS_CODE, code);
  markFailed(span, code);
  span.end();
}
