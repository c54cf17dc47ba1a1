import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs; secrets never reach them (see the redact list). `destination` defaults to
 * standard output; tests pass a stream to read what would be logged. */
export function createLogger(
  level: string,
  bindings: Record<string, unknown> = {},
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
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
  };
  return destination ? pino(options, destination) : pino(options);
}
