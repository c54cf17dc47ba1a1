import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs; secrets never reach them (see the redact list). */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'lontar', ...bindings },
    redact: {
      paths: [
        'password',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'token',
        '*.token',
      ],
      censor: '[disembunyikan]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
