/**
 * Personal data never reaches the logs. Request logs carry method, path and ids only;
 * these paths are redacted wherever they appear in a logged object.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body',
  'req.body',
  '*.password',
  '*.email',
  '*.givenNames',
  '*.familyName',
  '*.dateOfBirth',
  '*.addressLines',
  '*.postcode',
  '*.phone',
  '*.value',
  '*.body',
  'err.params',
];

type LoggableError = {
  [key: string]: unknown;
  type: string;
  code: string;
  message: string;
  stack: string;
};

/**
 * Errors are logged by type, code and a message with any query text and parameters cut
 * off: database errors carry the values of the failed statement, which may be personal.
 */
export function safeErrorSerializer(error: unknown): LoggableError {
  const e = error as { name?: string; code?: string; message?: string; stack?: string; cause?: unknown };
  const cause = e?.cause as { code?: string; message?: string } | undefined;
  const isQueryError = e?.name === 'DrizzleQueryError' || /^Failed query:/.test(e?.message ?? '');
  const source = isQueryError && cause ? cause : e;
  const message = String(source?.message ?? e?.message ?? 'unknown error')
    .replace(/\nparams:[\s\S]*$/, '')
    .replace(/^Failed query:[\s\S]*$/, 'Failed query (statement and parameters withheld)')
    .slice(0, 500);
  const stack = typeof e?.stack === 'string' && !isQueryError ? e.stack.split('\n').slice(1, 8).join('\n') : '';
  return { type: e?.name ?? typeof error, code: String(source?.code ?? e?.code ?? ''), message, stack };
}
