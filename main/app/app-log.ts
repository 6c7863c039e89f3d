/**
 * The app's log: one JSON line per record in `<app data>/logs/app.log`, echoed to stderr in
 * development. Records pass through the core logger, which redacts secret-looking fields.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, type LogLevel, type Logger, type LogRecord } from '../core/logger';

export function createAppLogger(file: string, options: { level?: LogLevel; echo?: boolean } = {}): Logger {
  let writable = true;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    writable = false;
    process.stderr.write(`Rolecall cannot create its log folder ${dirname(file)} (${error instanceof Error ? error.name : 'error'}); logging to stderr only.\n`);
  }
  const sink = (record: LogRecord) => {
    const line = `${JSON.stringify(record)}\n`;
    if (options.echo === true || !writable) process.stderr.write(line);
    if (!writable) return;
    try {
      appendFileSync(file, line, { mode: 0o600 });
    } catch (error) {
      writable = false;
      process.stderr.write(`Rolecall stopped writing its log ${file} (${error instanceof Error ? error.name : 'error'}).\n`);
    }
  };
  return createLogger(sink, { level: options.level ?? 'info' });
}
