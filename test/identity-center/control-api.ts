import type { RequestContext } from './request-context';
import { jsonReply, type Reply } from './wire';

/** What the control API can do to the emulator; implemented by the IdentityCenter handle. */
export interface ControlApi {
  approve(userCode: string, allow: boolean): void;
  stats(): unknown;
  advanceClock(seconds: number): Promise<void>;
  now(): number;
}

function parseJson(ctx: RequestContext): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(ctx.body.toString('utf8') || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const badRequest = (message: string): Reply => jsonReply(400, { error: message });

/** `POST /_control/approve`, `GET /_control/stats`, `POST /_control/clock`: JSON in, JSON out. */
export async function handleControl(ctx: RequestContext, control: ControlApi): Promise<Reply> {
  const action = `${ctx.method} ${ctx.path.replace(/^\/_control/, '') || '/'}`;
  if (action === 'GET /stats') return jsonReply(200, control.stats());
  if (action !== 'POST /approve' && action !== 'POST /clock') return jsonReply(404, { error: `unknown control action ${action}` });
  const body = parseJson(ctx);
  if (!body) return badRequest('body must be a JSON object');
  if (action === 'POST /approve') {
    const { userCode, allow } = body;
    if (typeof userCode !== 'string' || userCode === '') return badRequest('userCode must be a non-empty string');
    if (allow !== undefined && typeof allow !== 'boolean') return badRequest('allow must be true or false');
    try {
      control.approve(userCode, allow ?? true);
    } catch (error) {
      return jsonReply(409, { error: (error as Error).message });
    }
    return jsonReply(200, { userCode, allowed: allow ?? true });
  }
  const { advanceSeconds } = body;
  if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
    return badRequest('advanceSeconds must be a non-negative number');
  }
  await control.advanceClock(advanceSeconds);
  return jsonReply(200, { now: new Date(control.now()).toISOString() });
}
