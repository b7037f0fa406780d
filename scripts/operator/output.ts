/** How the CLI prints each answer of the operator API for a person at a terminal (--json prints it as it came). */
import { z } from 'zod/v4';

const closure = z.object({
  id: z.string(),
  officeCode: z.string(),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  note: z.string(),
  createdBy: z.object({ sub: z.string(), name: z.string().optional() }),
});
type ClosureView = z.infer<typeof closure>;

const answers = {
  close: z.object({ created: z.boolean(), closure, cancelled: z.number(), notified: z.number(), failed: z.array(z.string()) }),
  reopen: z.object({ closure }),
  closures: z.object({ office: z.string(), from: z.string(), to: z.string(), closures: z.array(closure) }),
  capacity: z.object({ officeCode: z.string(), date: z.string(), capacity: z.number(), overridden: z.boolean() }),
  appointments: z.object({
    office: z.string(),
    date: z.string(),
    appointments: z.array(
      z.object({
        time: z.string(),
        name: z.string(),
        receiptNumber: z.string(),
        status: z.string(),
        checkedIn: z.boolean(),
        checkedInAt: z.string().optional(),
      }),
    ),
  }),
  'check-in': z.object({
    alreadyCheckedIn: z.boolean(),
    appointment: z.object({ time: z.string(), name: z.string(), receiptNumber: z.string(), checkedInAt: z.string().optional() }),
  }),
  audit: z.object({
    entries: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        action: z.string(),
        actor: z.object({ sub: z.string(), name: z.string().optional() }),
        params: z.record(z.string(), z.unknown()),
      }),
    ),
    next: z.string().optional(),
  }),
};

export function describeAnswer(command: string, body: unknown): string {
  switch (command) {
    case 'close':
      return ifParsed(answers.close, body, (a) => {
        const lines = [
          a.created
            ? `Closed ${a.closure.officeCode} ${span(a.closure)} (closure ${a.closure.id}).`
            : `Already closed: ${a.closure.officeCode} ${span(a.closure)} (closure ${a.closure.id}, by ${who(a.closure.createdBy)}).`,
          `${a.cancelled} appointment(s) cancelled now; ${a.notified} person(s) handed the message (nobody is told twice).`,
        ];
        if (a.failed.length > 0) lines.push(`Not reached yet: ${a.failed.join(', ')}. Run the same command again to tell them.`);
        return lines.join('\n');
      });
    case 'reopen':
      return ifParsed(
        answers.reopen,
        body,
        (a) => `Reopened ${a.closure.officeCode} ${span(a.closure)}. Appointments it cancelled stay cancelled.`,
      );
    case 'closures':
      return ifParsed(answers.closures, body, (a) =>
        a.closures.length === 0
          ? `No closures at ${a.office} from ${a.from} to ${a.to}.`
          : table(
              ['ID', 'DATE', 'HOURS', 'REASON', 'BY', 'NOTE'],
              a.closures.map((c) => [c.id, c.date, hours(c), c.reason, who(c.createdBy), c.note]),
            ),
      );
    case 'capacity':
      return ifParsed(
        answers.capacity,
        body,
        (a) => `${a.officeCode} ${a.date}: ${a.capacity} people per slot (${a.overridden ? 'set by an operator' : 'the default'}).`,
      );
    case 'appointments':
      return ifParsed(answers.appointments, body, (a) =>
        a.appointments.length === 0
          ? `No appointments at ${a.office} on ${a.date}.`
          : `${a.office} ${a.date}\n${table(
              ['TIME', 'NAME', 'RECEIPT NUMBER', 'STATUS', 'CHECKED IN'],
              a.appointments.map((p) => [p.time, p.name, p.receiptNumber, p.status, p.checkedInAt ?? (p.checkedIn ? 'yes' : '')]),
            )}`,
      );
    case 'check-in':
      return ifParsed(answers['check-in'], body, (a) => {
        const p = a.appointment;
        return a.alreadyCheckedIn
          ? `${p.name} (${p.receiptNumber}, ${p.time}) was already checked in at ${p.checkedInAt ?? '?'}.`
          : `Checked in: ${p.name} (${p.receiptNumber}, ${p.time}).`;
      });
    case 'audit':
      return ifParsed(answers.audit, body, (a) => {
        if (a.entries.length === 0) return 'The audit log is empty.';
        const rows = table(
          ['WHEN', 'ACTION', 'WHO', 'DETAILS'],
          a.entries.map((e) => [
            e.at,
            e.action,
            who(e.actor),
            Object.entries(e.params)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join(' '),
          ]),
        );
        return a.next ? `${rows}\nOlder entries: --before ${a.next}` : rows;
      });
    default:
      return JSON.stringify(body, null, 2);
  }
}

function ifParsed<T>(schema: z.ZodType<T>, body: unknown, describe: (answer: T) => string): string {
  const parsed = schema.safeParse(body);
  return parsed.success ? describe(parsed.data) : JSON.stringify(body, null, 2);
}

function who(actor: { sub: string; name?: string }): string {
  return actor.name ? `${actor.name} (${actor.sub})` : actor.sub;
}

function hours(c: Pick<ClosureView, 'from' | 'to'>): string {
  return c.from === '00:00' && c.to === '24:00' ? 'all day' : `${c.from}–${c.to}`;
}

function span(c: ClosureView): string {
  return `on ${c.date}, ${hours(c)}, ${c.reason}`;
}

/** Columns padded to their widest cell. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}
