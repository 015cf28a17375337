import { ERROR_STATUS, type ErrorCode, type FieldIssue } from '@liandong/domain/platform/errors';

/**
 * The one error type of the server. Business code throws it with a code from the shared table; the
 * error handler turns it into `{ code, message, details, requestId }` with the mapped status.
 * Messages are zh-CN; the handler translates known codes when the caller asks for en-US.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = '对象') => new AppError('NOT_FOUND', `${what}不存在或无权访问`);
export const forbidden = (message = '无权执行此操作') => new AppError('FORBIDDEN', message);
export const staleVersion = () => new AppError('STALE_VERSION', '数据已被他人修改，请刷新后重试', { hint: 'reload' });
export const validation = (issues: FieldIssue[], message = '输入有误') =>
  new AppError('VALIDATION', `${message}：${issues.map((i) => `${i.path || '(请求体)'} ${i.message}`).join('；')}`, { issues });
export const businessRule = (message: string, details?: unknown) => new AppError('BUSINESS_RULE', message, details);
