/**
 * The operator API (JSON, under /api/operator): closures, capacity per office and day, a day's
 * appointments, check-in, and the audit log. Every route needs an operator's bearer token
 * (src/http/operatorAuth.ts); every change is written to the audit log by OfficeOperations.
 * docs/operators.md describes each route.
 */
import type { Request, Response, Server } from 'restify';
import { DateTime } from 'luxon';
import { z } from 'zod/v4';
import { errorForLog, type Logger } from '../../logger';
import type { Clock } from '../../domain/clock';
import type { Actor } from '../../domain/operations/types';
import type { OfficeOperations, Refusal } from '../../domain/operations/officeOperations';
import { CLOSURE_REASONS } from '../../domain/operations/types';
import { type OperatorAuthenticator, wwwAuthenticate } from '../operatorAuth';

export interface OperatorRouteParts {
  auth: OperatorAuthenticator;
  operations: OfficeOperations;
  clock: Clock;
  logger: Logger;
  /** Office code → IANA zone, for "today" at an office. */
  officeZone: (officeCode: string) => string | undefined;
}

export const OPERATOR_API_PREFIX = '/api/operator';

/** Closures listed when no range is given: from the office's today, this many days on. */
const DEFAULT_LIST_DAYS = 60;
const DEFAULT_AUDIT_LIMIT = 50;
const MAX_AUDIT_LIMIT = 500;

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const TIME = z.string().regex(/^\d{2}:\d{2}$/, 'a time HH:mm');

const closureBody = z.strictObject({
  date: DATE,
  from: TIME.optional(),
  to: TIME.optional(),
  reason: z.enum(CLOSURE_REASONS),
  note: z.string().optional(),
});
const capacityBody = z.strictObject({ capacity: z.number().int().min(0).max(100) });
const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).default(DEFAULT_AUDIT_LIMIT),
  before: z
    .string()
    .regex(/^\d+-\d+$/, 'an audit entry id')
    .optional(),
});

/** Status of each refusal the operations return. */
const STATUS: Readonly<Record<string, number>> = {
  unknown_office: 404,
  not_found: 404,
  bad_date: 400,
  bad_time: 400,
  empty_span: 400,
  in_the_past: 400,
  too_far_ahead: 400,
  note_too_long: 400,
  bad_capacity: 400,
  bad_receipt_number: 400,
  not_booked: 409,
  not_today: 409,
  cannot_notify: 503,
};

type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;

export function registerOperatorRoutes(server: Server, parts: OperatorRouteParts): void {
  const route = (handler: Handler) => async (req: Request, res: Response) => {
    const check = await parts.auth.check(req.header('authorization') || undefined);
    if (!check.ok) {
      parts.logger.warn({ route: req.getRoute()?.path, status: check.status, reason: check.error }, 'operator request refused');
      res.setHeader('WWW-Authenticate', wwwAuthenticate(check));
      send(res, check.status, { error: check.error, message: check.description });
      return;
    }
    try {
      await handler(req, res, check.actor);
    } catch (err) {
      parts.logger.error(
        { route: req.getRoute()?.path, ...errorForLog(err instanceof Error ? err : new Error(String(err))) },
        'operator request failed',
      );
      send(res, 503, { error: 'unavailable', message: 'the request could not be completed; it is safe to repeat it' });
    }
  };
  const { operations } = parts;
  const today = (officeCode: string): string | undefined => {
    const zone = parts.officeZone(officeCode);
    return zone ? (DateTime.fromJSDate(parts.clock.now(), { zone }).toISODate() ?? undefined) : undefined;
  };

  server.get(
    `${OPERATOR_API_PREFIX}/offices/:office/closures`,
    route(async (req, res) => {
      const office = officeParam(req);
      const query = queryOf(req);
      const from = query.get('from') ?? today(office);
      if (!from) return refuse(res, { ok: false, error: 'unknown_office', message: `no field office ${office}` });
      const to = query.get('to') ?? DateTime.fromISO(from).plus({ days: DEFAULT_LIST_DAYS }).toISODate() ?? from;
      const result = await operations.closures(office, from, to);
      if (!result.ok) return refuse(res, result);
      send(res, 200, { office, from, to, closures: result.closures });
    }),
  );

  server.post(
    `${OPERATOR_API_PREFIX}/offices/:office/closures`,
    route(async (req, res, actor) => {
      const body = closureBody.safeParse(req.body);
      if (!body.success) return badRequest(res, body.error);
      const { note, from, to, ...rest } = body.data;
      const request = { ...rest, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(note ? { note } : {}) };
      const result = await operations.close(actor, officeParam(req), request);
      if (!result.ok) return refuse(res, result);
      parts.logger.info(
        {
          operator: actor.sub,
          action: 'closure',
          closure: result.closure.id,
          created: result.created,
          cancelled: result.cancelled,
          notified: result.notified,
          failed: result.failed.length,
        },
        'office closed',
      );
      send(res, result.created ? 201 : 200, result);
    }),
  );

  server.del(
    `${OPERATOR_API_PREFIX}/closures/:id`,
    route(async (req, res, actor) => {
      const result = await operations.reopen(actor, String(req.params?.id ?? ''));
      if (!result.ok) return refuse(res, result);
      parts.logger.info({ operator: actor.sub, action: 'reopen', closure: result.closure.id }, 'office reopened');
      send(res, 200, result);
    }),
  );

  server.get(
    `${OPERATOR_API_PREFIX}/offices/:office/capacity/:date`,
    route(async (req, res) => {
      const result = await operations.capacity(officeParam(req), String(req.params?.date ?? ''));
      if (!result.ok) return refuse(res, result);
      send(res, 200, result);
    }),
  );

  server.put(
    `${OPERATOR_API_PREFIX}/offices/:office/capacity/:date`,
    route(async (req, res, actor) => {
      const body = capacityBody.safeParse(req.body);
      if (!body.success) return badRequest(res, body.error);
      const result = await operations.setCapacity(actor, officeParam(req), String(req.params?.date ?? ''), body.data.capacity);
      if (!result.ok) return refuse(res, result);
      parts.logger.info({ operator: actor.sub, action: 'capacity', office: result.officeCode, date: result.date }, 'capacity set');
      send(res, 200, result);
    }),
  );

  server.del(
    `${OPERATOR_API_PREFIX}/offices/:office/capacity/:date`,
    route(async (req, res, actor) => {
      const result = await operations.setCapacity(actor, officeParam(req), String(req.params?.date ?? ''), undefined);
      if (!result.ok) return refuse(res, result);
      parts.logger.info({ operator: actor.sub, action: 'capacity', office: result.officeCode, date: result.date }, 'capacity cleared');
      send(res, 200, result);
    }),
  );

  server.get(
    `${OPERATOR_API_PREFIX}/offices/:office/appointments`,
    route(async (req, res) => {
      const office = officeParam(req);
      const date = queryOf(req).get('date') ?? today(office);
      if (!date) return refuse(res, { ok: false, error: 'unknown_office', message: `no field office ${office}` });
      const result = await operations.dayAppointments(office, date);
      if (!result.ok) return refuse(res, result);
      send(res, 200, { office, date, appointments: result.appointments });
    }),
  );

  server.post(
    `${OPERATOR_API_PREFIX}/appointments/:receiptNumber/check-in`,
    route(async (req, res, actor) => {
      const result = await operations.checkIn(actor, String(req.params?.receiptNumber ?? ''));
      if (!result.ok) return refuse(res, result);
      parts.logger.info({ operator: actor.sub, action: 'check-in', again: result.alreadyCheckedIn }, 'checked in');
      send(res, 200, result);
    }),
  );

  server.get(
    `${OPERATOR_API_PREFIX}/audit`,
    route(async (req, res) => {
      const query = auditQuery.safeParse(Object.fromEntries(queryOf(req)));
      if (!query.success) return badRequest(res, query.error);
      send(res, 200, await operations.auditLog(query.data.limit, query.data.before));
    }),
  );
}

function officeParam(req: Request): string {
  return String(req.params?.office ?? '').toUpperCase();
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

function refuse(res: Response, refusal: Refusal<string>): void {
  send(res, STATUS[refusal.error] ?? 400, { error: refusal.error, message: refusal.message });
}

function badRequest(res: Response, error: z.ZodError): void {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  send(res, 400, { error: 'bad_request', message: problems });
}

/** Answers hold names and receipt numbers: never cached. */
function send(res: Response, status: number, body: unknown): void {
  res.setHeader('Cache-Control', 'no-store');
  res.json(status, body);
}
