/**
 * Logging that cannot leak a secret by accident: a log line is a fixed message plus fields of
 * plain values, and any field whose name looks like it holds a secret is replaced before it is
 * written, whatever its value.
 */
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const SECRET_FIELD = /token|secret|password|credential|session|key|code|verifier|signature|authorization/i;
/** Field names that match SECRET_FIELD but only ever hold non-secret identifiers. */
const SAFE_FIELDS = new Set(['userCode', 'accessKeyId', 'errorCode', 'statusCode', 'expiresAt', 'sessionExpiresAt']);

export const REDACTED = '[redacted]';

/** Fields as they may be written: secret-looking names replaced with `[redacted]`. */
export function redactFields(fields: LogFields | undefined): Record<string, LogValue> {
  const out: Record<string, LogValue> = {};
  if (!fields) return out;
  for (const [name, value] of Object.entries(fields)) {
    out[name] = SECRET_FIELD.test(name) && !SAFE_FIELDS.has(name) ? REDACTED : value;
  }
  return out;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  message: string;
  fields: Record<string, LogValue>;
}

/** A logger that hands each redacted record to `sink` (a file appender, stderr, a test array). */
export function createLogger(sink: (record: LogRecord) => void, options: { level?: LogLevel; now?: () => number } = {}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(options.level ?? 'info');
  const now = options.now ?? Date.now;
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (order.indexOf(level) < min) return;
    sink({ time: new Date(now()).toISOString(), level, message, fields: redactFields(fields) });
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
