import { startBroker, type RunningBroker } from '../broker/broker-server';
import type { RolecallCore } from '../rolecall-core';
import type { AppServices } from './create-app-services';

/**
 * Runs the broker inside the app: credential_process callers (the AWS CLI, SDKs, Terraform)
 * get credentials from the app's memory over the private local socket, concurrent callers for
 * one role share one fetch, and the roles in use are kept fresh by the app's scheduler. What
 * the broker remembers of an instance is dropped when its session goes (sign-out, removal,
 * the session's end). Throws BrokerAlreadyRunningError when `rolecall daemon` (or another
 * app) already serves this app data folder.
 */
export async function startAppBroker(core: RolecallCore, services: Pick<AppServices, 'credentialsForCaller' | 'onSessionGone'>): Promise<RunningBroker> {
  const broker = await startBroker({
    paths: core.broker,
    clock: core.clock,
    logger: core.logger,
    source: { getCredentials: (role, options) => services.credentialsForCaller(role, options) },
  });
  const stop = services.onSessionGone((instanceId) => broker.forget(instanceId));
  return {
    socket: broker.socket,
    forget: (instanceId) => broker.forget(instanceId),
    async close() {
      stop();
      await broker.close();
    },
  };
}
