import type { Server } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock } from '../domain/clock';
import type { Translator } from '../domain/i18n/translator';
import type { OfficeDirectory } from '../domain/offices/types';
import type { AppointmentStore } from '../domain/appointments/types';
import type { OperationsStore } from '../domain/operations/types';
import type { Outreach } from '../domain/outreach/types';
import type { SlotPolicy } from '../domain/slots/types';
import { OfficeOperations, type RebookParts } from '../domain/operations/officeOperations';
import { OperatorAuthenticator } from '../http/operatorAuth';
import { registerOperatorRoutes } from '../http/operator/operatorRoutes';

export interface OperatorApiParts {
  /** The store itself (not the guarded one): a closure's cancellations must go through. */
  appointments: AppointmentStore;
  operations: OperationsStore;
  outreach?: Outreach;
  offices: OfficeDirectory;
  translator: Translator;
  clock: Clock;
  policy: SlotPolicy;
  logger: Logger;
  /** Where the times a closure offers are kept for the person's answer. */
  rebook?: RebookParts;
}

/** Registers /api/operator/… when OPERATOR_OIDC_ISSUER is set; otherwise the API is off (404) and the log says so. */
export function registerOperatorApi(server: Server, config: Config, parts: OperatorApiParts): void {
  const { logger } = parts;
  if (!config.OPERATOR_OIDC_ISSUER || !config.OPERATOR_AUDIENCE) {
    logger.info('OPERATOR_OIDC_ISSUER is not set: the operator API (/api/operator) is off');
    return;
  }
  if (!parts.outreach) logger.warn('no outreach is configured: the operator API refuses closures that would cancel appointments');
  const auth = new OperatorAuthenticator({
    issuer: config.OPERATOR_OIDC_ISSUER,
    audience: config.OPERATOR_AUDIENCE,
    roleClaim: config.OPERATOR_ROLE_CLAIM,
    role: config.OPERATOR_ROLE,
    clock: parts.clock,
  });
  const operations = new OfficeOperations({
    appointments: parts.appointments,
    operations: parts.operations,
    offices: parts.offices,
    translator: parts.translator,
    clock: parts.clock,
    policy: parts.policy,
    ...(parts.outreach ? { outreach: parts.outreach } : {}),
    ...(parts.rebook ? { rebook: parts.rebook } : {}),
  });
  registerOperatorRoutes(server, {
    auth,
    operations,
    clock: parts.clock,
    logger,
    officeZone: (code) => parts.offices.byCode(code)?.timeZone,
  });
  logger.info({ issuer: config.OPERATOR_OIDC_ISSUER, role: config.OPERATOR_ROLE }, 'operator API on');
}
