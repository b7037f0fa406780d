/**
 * The operator CLI: each command is one request to the operator API (/api/operator/…), with the
 * operator's own token. `runOperatorCli` returns the exit code; scripts/operator.ts runs it.
 */
import { parseArgs } from 'node:util';
import { describeAnswer } from './output';

export const USAGE = `usage: npm run operator -- <command> [arguments] [--json]

commands:
  close <OFFICE> <YYYY-MM-DD> --reason weather|emergency|other [--from HH:mm] [--to HH:mm] [--note TEXT]
        close an office for a day, or from --from to --to (the office's local time); cancels the
        appointments inside and tells each person in their language. Repeating it tells nobody twice.
  reopen <CLOSURE-ID>                   remove a closure (its slots are offered again)
  closures <OFFICE> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                        list an office's closures (default: the next 60 days)
  capacity <OFFICE> <YYYY-MM-DD> [PEOPLE | --default]
                                        show, set, or return to the default the people per slot that day
  appointments <OFFICE> [YYYY-MM-DD]    the day's appointments (default: the office's today)
  check-in <RECEIPT-NUMBER>             check a person in (on the day of the appointment)
  audit [--limit N] [--before ID]       the audit log, newest first

environment:
  OPERATOR_API_URL   the bot's address, e.g. https://infopass.example.org
  OPERATOR_TOKEN     a bearer token from your organisation's identity provider, with the operator role

exit codes: 0 done; 1 refused by the API (bad request, not found, conflict); 2 wrong usage;
            3 not authorised (401/403); 4 the API could not be reached or failed (5xx)`;

export const EXIT = { ok: 0, refused: 1, usage: 2, unauthorised: 3, unavailable: 4 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** What one command asks of the API. */
export interface ApiRequest {
  command: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

const REQUEST_TIMEOUT_MS = 120_000;

class UsageError extends Error {}

export async function runOperatorCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let request: ApiRequest;
  let json: boolean;
  try {
    const parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        reason: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        note: { type: 'string' },
        default: { type: 'boolean' },
        limit: { type: 'string' },
        before: { type: 'string' },
      },
    });
    if (parsed.values.help || parsed.positionals.length === 0) {
      (parsed.values.help ? io.out : io.err)(USAGE);
      return parsed.values.help ? EXIT.ok : EXIT.usage;
    }
    json = parsed.values.json ?? false;
    request = requestFor(parsed.positionals, parsed.values);
  } catch (err) {
    io.err(`operator: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const baseUrl = env.OPERATOR_API_URL?.trim().replace(/\/+$/, '');
  const token = env.OPERATOR_TOKEN?.trim();
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
    io.err('operator: set OPERATOR_API_URL to the bot’s address, e.g. https://infopass.example.org');
    return EXIT.usage;
  }
  if (!token) {
    io.err('operator: set OPERATOR_TOKEN to a bearer token from your identity provider');
    return EXIT.usage;
  }

  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/operator${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    io.err(`operator: could not reach ${baseUrl}${cause}`);
    return EXIT.unavailable;
  }
  const text = await response.text();
  const body: unknown = text === '' ? undefined : parseJson(text);
  if (!response.ok) {
    io.err(`operator: ${refusalText(response.status, body)}`);
    if (response.status === 401 || response.status === 403) return EXIT.unauthorised;
    return response.status >= 500 ? EXIT.unavailable : EXIT.refused;
  }
  io.out(json ? JSON.stringify(body, null, 2) : describeAnswer(request.command, body));
  return EXIT.ok;
}

type Options = Partial<Record<'reason' | 'from' | 'to' | 'note' | 'limit' | 'before', string>> & { default?: boolean };

function requestFor(positionals: readonly string[], options: Options): ApiRequest {
  const [command, ...args] = positionals;
  const arg = (index: number, name: string): string => {
    const value = args[index];
    if (value === undefined) throw new UsageError(`${command}: missing ${name}`);
    return value;
  };
  const noMore = (count: number): void => {
    if (args.length > count) throw new UsageError(`${command}: unexpected "${args[count]}"`);
  };
  const office = (index: number): string => {
    const code = arg(index, 'office code').toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) throw new UsageError(`${command}: an office code has three letters, e.g. NYC: ${args[index]}`);
    return code;
  };
  const date = (value: string): string => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${command}: a date is YYYY-MM-DD: ${value}`);
    return value;
  };
  const encoded = (value: string): string => encodeURIComponent(value);
  switch (command) {
    case 'close': {
      noMore(2);
      if (!options.reason) throw new UsageError('close: --reason weather|emergency|other is required');
      const body = {
        date: date(arg(1, 'date')),
        reason: options.reason,
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
        ...(options.note ? { note: options.note } : {}),
      };
      return { command, method: 'POST', path: `/offices/${office(0)}/closures`, body };
    }
    case 'reopen':
      noMore(1);
      return { command, method: 'DELETE', path: `/closures/${encoded(arg(0, 'closure id'))}` };
    case 'closures': {
      noMore(1);
      const query = new URLSearchParams();
      if (options.from) query.set('from', date(options.from));
      if (options.to) query.set('to', date(options.to));
      const suffix = query.size > 0 ? `?${query.toString()}` : '';
      return { command, method: 'GET', path: `/offices/${office(0)}/closures${suffix}` };
    }
    case 'capacity': {
      noMore(3);
      const path = `/offices/${office(0)}/capacity/${date(arg(1, 'date'))}`;
      if (options.default) {
        if (args[2] !== undefined) throw new UsageError('capacity: give a number of people or --default, not both');
        return { command, method: 'DELETE', path };
      }
      if (args[2] === undefined) return { command, method: 'GET', path };
      if (!/^\d{1,3}$/.test(args[2])) throw new UsageError(`capacity: the people per slot is a whole number: ${args[2]}`);
      return { command, method: 'PUT', path, body: { capacity: Number(args[2]) } };
    }
    case 'appointments': {
      noMore(2);
      const day = args[1] === undefined ? '' : `?date=${date(args[1])}`;
      return { command, method: 'GET', path: `/offices/${office(0)}/appointments${day}` };
    }
    case 'check-in':
      noMore(1);
      return { command, method: 'POST', path: `/appointments/${encoded(arg(0, 'receipt number'))}/check-in` };
    case 'audit': {
      noMore(0);
      const query = new URLSearchParams();
      if (options.limit) query.set('limit', options.limit);
      if (options.before) query.set('before', options.before);
      return { command, method: 'GET', path: `/audit${query.size > 0 ? `?${query.toString()}` : ''}` };
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function refusalText(status: number, body: unknown): string {
  const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : undefined;
  const code = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : undefined;
  const hint =
    status === 401
      ? ' — OPERATOR_TOKEN is missing, expired or not from the right identity provider'
      : status === 403
        ? ' — the token lacks the operator role'
        : status === 404 && code === undefined
          ? ' — is the operator API on (OPERATOR_OIDC_ISSUER) and OPERATOR_API_URL right?'
          : '';
  return `${message ?? 'request failed'} (HTTP ${status}${code ? `, ${code}` : ''})${hint}`;
}
