import type { Request, Response } from 'express';
import type { Handler, Request as SseRequest } from 'graphql-sse';
import { errorBody, type ErrorCode } from '../errors';

/** The code of each refusal graphql-sse makes itself (it answers with a status and a bare message). */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export interface SseContext {
  readonly res: Response;
}

/**
 * Runs graphql-sse's transport-neutral handler for an Express request and writes its answer: an
 * event stream as it comes, or a refusal in the house error shape (`{errors: [{message,
 * extensions: {code}}]}`) with graphql-sse's status, where graphql-sse itself would send plain
 * text or uncoded errors.
 */
export async function answerWithSse(handle: Handler<Request, SseContext>, req: Request, res: Response): Promise<void> {
  const request: SseRequest<Request, SseContext> = {
    method: req.method,
    url: req.url,
    headers: {
      get: (key) => {
        const header = req.headers[key];
        return Array.isArray(header) ? header.join('\n') : header;
      },
    },
    // app.ts parses a JSON body before this runs; a GET has none.
    body: (req.body as Record<string, unknown> | undefined) ?? null,
    raw: req,
    context: { res },
  };
  const [body, init] = await handle(request);
  if (init.status >= 400) {
    const code = CODE_OF_STATUS[init.status] ?? 'BAD_REQUEST';
    const headers = { ...init.headers, 'content-type': 'application/json; charset=utf-8' };
    res
      .status(init.status)
      .set(headers)
      .send(JSON.stringify(codedRefusal(body, code, init.statusText)));
    return;
  }
  res.writeHead(init.status, init.statusText, init.headers);
  if (body === null || typeof body === 'string') {
    res.end(body ?? undefined);
    return;
  }
  const stop = () => void body.return?.(undefined);
  res.once('close', stop);
  try {
    for await (const chunk of body) {
      if (!res.writable) break;
      await new Promise<void>((resolve, reject) => res.write(chunk, (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    res.off('close', stop);
    res.end();
  }
}

/** graphql-sse's refusal with every error coded: its own GraphQL errors keep theirs, bare messages get `code`. */
function codedRefusal(body: unknown, code: ErrorCode, statusText: string | undefined): unknown {
  const parsed = typeof body === 'string' ? parseJson(body) : undefined;
  const errors = (parsed as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return {
      errors: errors.map((error: { message?: unknown; extensions?: Record<string, unknown> }) => ({
        ...error,
        message: typeof error.message === 'string' ? error.message : (statusText ?? 'Bad request'),
        extensions: { ...error.extensions, code: error.extensions?.code ?? code },
      })),
    };
  }
  const message =
    typeof body === 'string' && body !== '' && parsed === undefined ? body : (statusText ?? 'Bad request');
  return errorBody(code, message);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
