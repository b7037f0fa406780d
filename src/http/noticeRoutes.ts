import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import type { Clock } from '../domain/clock';
import type { Translator } from '../domain/i18n/translator';
import type { OfficeDirectory } from '../domain/offices/types';
import type { AppointmentStore } from '../domain/appointments/types';
import { buildNotice } from '../domain/appointments/notice';
import { CALENDAR_SUFFIX, noticeLinks, type NoticeLinkSigner } from '../domain/appointments/noticeLinks';
import { noticePage, NOTICE_PAGE_CSP } from './noticePage';
import { appointmentEvent, calendarFile } from '../domain/appointments/calendarFile';

export interface NoticeRouteParts {
  signer: NoticeLinkSigner;
  store: AppointmentStore;
  offices: OfficeDirectory;
  translator: Translator;
  clock: Clock;
  slotMinutes: number;
  logger: Logger;
  /** When set, the calendar event links back to the page. */
  publicBaseUrl?: string;
}

/** The page and the calendar file hold personal data: never cached, never indexed, never sent on as a referrer. */
const PRIVATE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex, nofollow',
};

/**
 * GET /notice/<token> (printable page) and GET /notice/<token>.ics (calendar file).
 * Every refusal — malformed, forged, expired, unknown or cancelled — is the same 404, so the
 * answer tells nothing about which check failed.
 */
export function registerNoticeRoutes(server: Server, parts: NoticeRouteParts): void {
  server.get('/notice/:token', async (req: Request, res: Response) => {
    const raw = typeof req.params?.token === 'string' ? req.params.token : '';
    const wantsCalendar = raw.endsWith(CALENDAR_SUFFIX);
    const token = wantsCalendar ? raw.slice(0, -CALENDAR_SUFFIX.length) : raw;
    try {
      const found = await findNotice(parts, token);
      if (!found) {
        parts.logger.info({ route: 'notice', outcome: 'not_found' }, 'notice link refused');
        send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
        return;
      }
      const { appointment, office } = found;
      const t = parts.translator.for(appointment.language);
      const notice = buildNotice(appointment, office, t, appointment.language, { medium: 'page' });
      if (wantsCalendar) {
        const event = appointmentEvent(appointment, notice, {
          summary: t('notice.calendarSummary', { office: office.name, receiptNumber: notice.receiptNumber }),
          slotMinutes: parts.slotMinutes,
          stamp: parts.clock.now(),
          language: appointment.language,
          ...(parts.publicBaseUrl ? { url: noticeLinks(parts.publicBaseUrl, token).page } : {}),
        });
        send(res, 200, 'text/calendar; charset=utf-8', calendarFile(event), {
          'Content-Disposition': 'attachment; filename="uscis-appointment.ics"',
        });
        return;
      }
      // Relative, so it works behind any proxy prefix whether or not a public base URL is set.
      const calendar = { url: `${token}${CALENDAR_SUFFIX}`, label: t('notice.calendarAction') };
      send(res, 200, 'text/html; charset=utf-8', noticePage(notice, { lang: appointment.language, calendar }), {
        'Content-Security-Policy': NOTICE_PAGE_CSP,
      });
    } catch (err) {
      parts.logger.error({ route: 'notice', err: err instanceof Error ? err.message : String(err) }, 'notice failed');
      send(res, 503, 'text/plain; charset=utf-8', 'Service unavailable\n');
    }
  });
}

async function findNotice(parts: NoticeRouteParts, token: string) {
  const receiptNumber = parts.signer.verify(token, parts.clock.now());
  if (!receiptNumber) return undefined;
  const appointment = await parts.store.get(receiptNumber);
  if (!appointment || appointment.status !== 'booked') return undefined;
  const office = parts.offices.byCode(appointment.officeCode);
  return office ? { appointment, office } : undefined;
}

function send(res: Response, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...PRIVATE_HEADERS,
    ...extra,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body, 'utf8')),
  });
  res.end(body);
}
