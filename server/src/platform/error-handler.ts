import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { dbRefusal } from './db-refusal';
import { AppError } from './errors';

/** en-US messages for callers that ask for English (Accept-Language: en…); zh-CN is the default. */
const EN: Record<string, string> = {
  VALIDATION: 'Invalid input',
  BAD_REQUEST: 'Bad request',
  UNAUTHENTICATED: 'Please sign in',
  INVALID_CREDENTIALS: 'Wrong username or password',
  TOTP_REQUIRED: 'Enter your one-time code',
  TOTP_INVALID: 'Wrong or reused one-time code',
  ACCOUNT_LOCKED: 'Account locked; try later or ask the security administrator',
  SESSION_EXPIRED: 'Session expired; please sign in again',
  FORBIDDEN: 'You may not do this',
  CSRF: 'Missing header X-Requested-With: liandong',
  TOTP_ENROLMENT_REQUIRED: 'Enrol a one-time-code authenticator first',
  PASSWORD_CHANGE_REQUIRED: 'Change your password first',
  NOT_FOUND: 'Not found or not accessible',
  STALE_VERSION: 'Someone else changed this record; reload and try again',
  ILLEGAL_TRANSITION: 'This action is not allowed in the current state',
  DUPLICATE: 'A record with the same key exists',
  CONFLICT: 'Conflict',
  PAYLOAD_TOO_LARGE: 'Request too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  BUSINESS_RULE: 'Business rule violated',
  TRIAL_TEAM_CONFLICT: 'A former member of the investigation team cannot serve on the trial team (or the reverse)',
  PASSWORD_POLICY: 'Password does not meet the policy',
  RATE_LIMITED: 'Too many requests; slow down',
  DB_UNAVAILABLE: 'Database unavailable; try again shortly',
  SERVER_BUSY: 'Server busy; try again shortly',
  INTERNAL: 'Internal error',
};

/**
 * PostgreSQL codes that mean "the database cannot serve this now", not "your request is wrong":
 * shutdown or crash (57P0x, 08xxx), a statement cut by statement_timeout (57014), a lock or a
 * forgotten transaction given up (55P03, 25P03), too many connections (53300), recovery (57P04).
 */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '57P04', '57014', '55P03', '25P03', '53300', '08000', '08003', '08006', '08001', '08004', '08P01']);

/** Driver and socket failures of a database that is down, frozen or restarting. */
export function isDbUnavailable(err: { code?: unknown; message?: string; syscall?: string }): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  return (
    PG_UNAVAILABLE.has(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code) ||
    ((code === 'ENOENT' || code === 'EACCES') && err.syscall === 'connect') ||
    /Connection terminated|timeout exceeded when trying to connect|timeout expired|connection timeout|Query read timeout|Client has encountered a connection error|Postgres connection has been discarded|Connection ended unexpectedly|the request transaction was rolled back/i.test(
      err.message ?? '',
    )
  );
}

function wantsEnglish(req: FastifyRequest): boolean {
  return /^en\b/i.test(req.headers['accept-language'] ?? '');
}

/** `english`: the message and details for a caller asking for en-US, where the zh-CN ones name something (a field). */
function send(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
  english?: { message: string; details?: unknown },
) {
  const en = wantsEnglish(req) ? EN[code] : undefined;
  let text = message;
  if (en && english) text = `${en}: ${english.message}`;
  else if (en) text = code === 'VALIDATION' || code === 'BUSINESS_RULE' ? `${en}: ${message}` : en;
  const body = {
    code,
    message: text,
    details: en && english ? english.details : details,
    requestId: req.id,
  };
  return reply.code(status).send(body);
}

function pathOf(instancePath: string | undefined, where: string): string {
  const p = (instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  return where === 'body' ? p : p ? `${where}.${p}` : where;
}

/**
 * The one error handler: AppError → its status; validation → 400 with field paths; known PostgreSQL
 * errors → 409/422/503 (a refused foreign key, not-null or check naming its field where known: db-refusal.ts);
 * framework 4xx pass through; anything else is a logged 500 without internals.
 */
export function errorHandler(this: unknown, err: FastifyError & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return send(req, reply, err.status, err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const issues = err.validation.map((v) => ({ path: pathOf(v.instancePath, where), message: v.message ?? '无效' }));
    return send(req, reply, 400, 'VALIDATION', `输入有误：${issues.map((i) => `${i.path || '(请求体)'} ${i.message}`).join('；')}`, { issues });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, 'response serialization failed');
    return send(req, reply, 500, 'INTERNAL', '服务器内部错误');
  }
  const pgCode = typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined;
  if (pgCode === '23505') return send(req, reply, 409, 'DUPLICATE', '已存在相同编码或名称的记录');
  const refusal = pgCode ? dbRefusal(err) : undefined;
  if (refusal)
    return send(req, reply, 422, 'BUSINESS_RULE', refusal.zh, { issues: refusal.issues }, { message: refusal.en, details: { issues: refusal.issuesEn } });
  if (pgCode === '23503')
    return send(req, reply, 422, 'BUSINESS_RULE', '引用的对象不存在或仍被引用', undefined, {
      message: 'a referenced object does not exist or is still referenced',
    });
  if (pgCode === '23514' || pgCode === '23502')
    return send(req, reply, 422, 'BUSINESS_RULE', '数据不符合约束条件', undefined, { message: 'the data does not meet a constraint' });
  if (pgCode === '40001' || pgCode === '40P01') return send(req, reply, 409, 'CONFLICT', '并发冲突，请重试');
  if (pgCode === '22021' || pgCode === '22P05') return send(req, reply, 400, 'VALIDATION', '输入有误：文本不得包含空字符（\\u0000）或无效字符');
  if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008' || pgCode === '22003' || pgCode === '22001')
    return send(req, reply, 400, 'VALIDATION', '输入格式不正确');
  if (isDbUnavailable(err)) {
    req.log.warn({ err: { code: err.code, message: err.message } }, 'database unavailable');
    return send(req, reply, 503, 'DB_UNAVAILABLE', '数据库暂不可用，请稍后重试');
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE') return send(req, reply, 413, 'PAYLOAD_TOO_LARGE', '请求内容过大');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return send(req, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型');
  if (err.statusCode === 429) return send(req, reply, 429, 'RATE_LIMITED', '请求过于频繁，请稍后再试');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const message =
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? '请求体不是有效的 JSON' : `请求无效：${err.message}`;
    return send(req, reply, err.statusCode, 'BAD_REQUEST', message);
  }
  req.log.error({ err }, 'unhandled error');
  return send(req, reply, 500, 'INTERNAL', '服务器内部错误');
}

/**
 * Errors Fastify raises before any route matches (malformed percent-encoding, an over-long path
 * parameter): same body shape and zh-CN message as every other error. Passed as `frameworkErrors`.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '请求地址中的参数过长' : '请求地址格式不正确';
  return send(req, reply, 400, 'BAD_REQUEST', message);
}
