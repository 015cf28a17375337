import { z } from 'zod';

/** Error codes shared by server and web; each maps to one HTTP status (architecture.md §3). */
export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  ACCOUNT_LOCKED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  TOTP_ENROLMENT_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  ILLEGAL_TRANSITION: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BUSINESS_RULE: 422,
  /** 审查与审理分离: someone who was ever on the investigation team proposed for the trial team (or back). */
  TRIAL_TEAM_CONFLICT: 422,
  PASSWORD_POLICY: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DB_UNAVAILABLE: 503,
  /** A bounded queue of heavy work (PDF conversion) is full; retry after the Retry-After header. */
  SERVER_BUSY: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field of the input; `path` is dotted (`members.2.orgId`). */
export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** The body of every error response. */
export const ErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
