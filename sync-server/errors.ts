/**
 * Every error answer is `{"error": <ErrorCode>, "message": <human text>}`. Handlers throw
 * ApiError; anything else (Fastify's own errors, bugs) is mapped here, and an unexpected error
 * is logged but answered with a generic 500: never a stack trace or SQL.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from '../shared/protocol';
import { StoreUnavailableError } from './store/errors';

/** 'unavailable' (503): the database cannot be reached right now; clients retry later. */
type ServerErrorCode = ErrorCode;
interface ErrorBody {
  error: ServerErrorCode;
  message: string;
}

/** Seconds a client should wait before retrying after a 503. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'username-taken',
  413: 'payload-too-large',
  429: 'too-many-requests',
};

/** Fastify's 4xx messages are safe to show (they describe the request, not the server). */
function clientMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return 'the body is not valid JSON';
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'the body is too large';
  return error.message;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (error instanceof StoreUnavailableError) {
      // Expected during a database restart: a warning with the cause, not a stack per request.
      request.log.warn(
        { cause: String((error.cause as Error | undefined)?.message) },
        error.message,
      );
      status = 503;
      body = { error: 'unavailable', message: 'the database is unavailable: try again shortly' };
      reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S));
    } else if (error instanceof ApiError) {
      status = error.statusCode;
      body = { error: error.code, message: error.message };
    } else if (error.validation) {
      status = 400;
      body = { error: 'bad-request', message: error.message };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { error: CODE_BY_STATUS[status] ?? 'bad-request', message: clientMessage(error) };
    } else {
      request.log.error({ err: error }, 'request failed');
      status = 500;
      body = { error: 'internal', message: 'something went wrong on the server' };
    }
    if (status >= 500) reply.header('connection', 'close');
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: 'not-found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    };
    return reply.code(404).send(body);
  });
}
