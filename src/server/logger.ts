/**
 * The structured logger (pino). Secrets never reach a log line: the paths below are redacted
 * wherever they appear, and Redis URLs are logged with their password masked (config/index.ts).
 */
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.redisUrl',
  'redisUrl',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
