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
