import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { NoticeLinkSigner, noticeLinkMaker, noticeLinks } from '../../../src/domain/appointments/noticeLinks';
import { appointmentEvent, calendarFile, escapeText, foldLine } from '../../../src/domain/appointments/calendarFile';
import { noticePage, NOTICE_PAGE_CSP } from '../../../src/http/noticePage';
import { buildNotice } from '../../../src/domain/appointments/notice';
import { noticeCard } from '../../../src/cards/noticeCard';
import { loadOfficeDirectory } from '../../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../../src/infra/zipcodes/zipTable';
import type { Appointment } from '../../../src/domain/appointments/types';
import { translator } from '../../support/replies';

const RECEIPT = 'IP7K3MQ9XD2HBWX';
const SLOT_START = '2026-12-02T10:00:00.000-05:00';
const office = loadOfficeDirectory(sharedZipTable).byCode('NYC');
if (!office) throw new Error('the office data has no NYC');

function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    receiptNumber: RECEIPT,
    officeCode: 'NYC',
    slotStart: SLOT_START,
    reason: 'pending_case',
    name: 'Maria Lopez',
    dobVerifier: 'not-used-here',
    phone: '+12127365000',
    language: 'en',
    personKey: 'not-used-here',
    status: 'booked',
    createdAt: '2026-12-01T14:00:00.000Z',
    rescheduleCount: 0,
    ...overrides,
  };
}

function notice(a: Appointment = appointment()) {
  return buildNotice(a, office!, translator.for(a.language), a.language, { medium: 'page' });
}

/** Undoes RFC 5545 folding and splits into content lines. */
function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

describe('notice links: signed, expiring tokens', () => {
  const signer = new NoticeLinkSigner('test-secret', 30);
  const beforeAppointment = new Date('2026-12-01T14:00:00.000Z');

  it('round-trips a receipt number, in an opaque 48-character base64url token', () => {
    const token = signer.tokenFor(appointment());
    assert.match(token, /^[A-Za-z0-9_-]{48}$/);
    assert.ok(!token.includes(RECEIPT));
    assert.equal(signer.verify(token, beforeAppointment), RECEIPT);
  });

  it('expires the set number of days after the appointment, not before', () => {
    const token = signer.tokenFor(appointment());
    const expiry = signer.expiryFor(appointment());
    assert.equal(expiry.toISOString(), '2027-01-01T15:00:00.000Z');
    assert.equal(signer.verify(token, new Date(expiry.getTime() - 1000)), RECEIPT);
    assert.equal(signer.verify(token, expiry), undefined);
    assert.equal(signer.verify(token, new Date('2027-06-01T00:00:00Z')), undefined);
  });

  it('refuses a token signed with another secret', () => {
    const other = new NoticeLinkSigner('another-secret', 30);
    assert.equal(signer.verify(other.tokenFor(appointment()), beforeAppointment), undefined);
  });

  it('refuses a token with any one character changed', () => {
    const token = signer.tokenFor(appointment());
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      assert.equal(signer.verify(tampered, beforeAppointment), undefined, `position ${i}`);
    }
  });

  it('refuses a token whose expiry was moved, even with the rest intact', () => {
    const token = signer.tokenFor(appointment());
    const bytes = Buffer.from(token, 'base64url');
    bytes.writeUInt32BE(bytes.readUInt32BE(16) + 365 * 86400, 16);
    assert.equal(signer.verify(bytes.toString('base64url'), new Date('2027-06-01T00:00:00Z')), undefined);
  });

  it('refuses malformed tokens', () => {
    const token = signer.tokenFor(appointment());
    for (const bad of [
      '',
      'x',
      token.slice(1),
      `${token}A`,
      `${token.slice(0, -1)}=`,
      `${token.slice(0, -1)}+`,
      `${token.slice(0, -1)}.`,
      RECEIPT,
    ]) {
      assert.equal(signer.verify(bad, beforeAppointment), undefined, JSON.stringify(bad));
    }
  });

  it('signs only canonical receipt numbers', () => {
    assert.throws(() => signer.sign('IP-7K3M-Q9XD-2HBW-T', new Date('2027-01-01T00:00:00Z')));
    assert.throws(() => signer.sign('EAC2212345678', new Date('2027-01-01T00:00:00Z')));
  });

  it('makes page and calendar addresses under the public base URL', () => {
    const token = signer.tokenFor(appointment());
    assert.deepEqual(noticeLinks('https://infopass.example.org/bot/', token), {
      page: `https://infopass.example.org/bot/notice/${token}`,
      calendar: `https://infopass.example.org/bot/notice/${token}.ics`,
    });
    assert.deepEqual(
      noticeLinkMaker('https://infopass.example.org', signer)(appointment()).page,
      `https://infopass.example.org/notice/${token}`,
    );
  });
});

describe('the notice with links', () => {
  const links = { page: 'https://infopass.example.org/notice/TOKEN', calendar: 'https://infopass.example.org/notice/TOKEN.ics' };

  it('adds the page link at the end of the text and two OpenUrl actions to the card', () => {
    const a = appointment({ language: 'es' });
    const withLinks = buildNotice(a, office!, translator.for('es'), 'es', { links });
    const lines = withLinks.text.split('\n');
    assert.equal(lines[lines.length - 1], translator.for('es')('notice.link', { url: links.page }));
    const card = noticeCard(withLinks) as { actions?: { type: string; title: string; url: string }[] };
    assert.deepEqual(card.actions, [
      { type: 'Action.OpenUrl', title: 'Imprimir aviso', url: links.page },
      { type: 'Action.OpenUrl', title: 'Agregar al calendario', url: links.calendar },
    ]);
  });

  it('has no links and no actions without them', () => {
    const plain = buildNotice(appointment(), office!, translator.for('en'), 'en');
    assert.ok(!plain.text.includes('http'));
    assert.equal((noticeCard(plain) as { actions?: unknown }).actions, undefined);
  });
});

describe('the calendar file (RFC 5545)', () => {
  const stamp = new Date('2026-12-01T14:00:00.000Z');

  it('holds one event in UTC, with CRLF line ends and every line within 75 octets', () => {
    const n = notice();
    const ics = calendarFile(
      appointmentEvent(appointment(), n, {
        summary: 'USCIS appointment, New York City Field Office',
        slotMinutes: 30,
        stamp,
        language: 'en',
      }),
    );
    assert.ok(ics.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(ics), 'every line ends in CRLF');
    for (const physical of ics.split('\r\n')) assert.ok(Buffer.byteLength(physical, 'utf8') <= 75, physical);
    const lines = unfold(ics);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines[lines.length - 1], 'END:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.includes(`UID:${RECEIPT}@infopass`));
    assert.ok(lines.includes('DTSTAMP:20261201T140000Z'));
    assert.ok(lines.includes('DTSTART:20261202T150000Z'));
    assert.ok(lines.includes('DTEND:20261202T153000Z'));
    assert.ok(lines.includes('SUMMARY;LANGUAGE=en:USCIS appointment\\, New York City Field Office'));
    assert.ok(lines.some((l) => l.startsWith('LOCATION:New York City Field Office\\, Jacob K. Javits Federal Building')));
    const description = lines.find((l) => l.startsWith('DESCRIPTION;LANGUAGE=en:')) ?? '';
    assert.match(description, /IP-7K3M-Q9XD-2HBW-X/);
    assert.match(description, /10:00 AM \(Eastern Standard Time\)/);
    assert.ok(!description.includes('Maria'), 'the name stays out of calendars');
    assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1);
  });

  it('escapes backslashes, semicolons, commas and newlines, and drops control characters', () => {
    assert.equal(escapeText('a,b;c\\d\r\ne\nf\u0007'), 'a\\,b\\;c\\\\d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const arabic = `SUMMARY;LANGUAGE=ar:${'موعد في مكتب نيويورك الميداني '.repeat(6)}`;
    const chinese = `SUMMARY;LANGUAGE=zh:${'预约通知'.repeat(40)}`;
    for (const line of [arabic, chinese, 'X'.repeat(300)]) {
      const folded = foldLine(line);
      const physical = folded.split('\r\n');
      assert.ok(physical.length > 1);
      physical.forEach((p, i) => {
        assert.ok(Buffer.byteLength(p, 'utf8') <= 75, `line ${i}: ${Buffer.byteLength(p, 'utf8')} octets`);
        if (i > 0) assert.equal(p[0], ' ');
        assert.ok(!p.includes('\uFFFD'));
      });
      assert.equal(folded.replace(/\r\n /g, ''), line);
    }
    assert.equal(foldLine('X'.repeat(75)), 'X'.repeat(75));
    assert.equal(foldLine('X'.repeat(76)), `${'X'.repeat(75)}\r\n X`);
  });
});

describe('the printable notice page', () => {
  it('shows the notice, escapes every text and has no script', () => {
    const html = noticePage(notice(appointment({ name: `<script>alert("x")</script> O'Brien & Co` })), { lang: 'en' });
    assert.ok(!/<script/i.test(html));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co'));
    assert.ok(html.includes('IP-7K3M-Q9XD-2HBW-X'));
    assert.ok(html.includes('Eastern Standard Time'));
    assert.ok(html.includes('26 Federal Plaza'));
    assert.ok(html.includes('15 minutes'));
    assert.ok(html.includes('InfoPass chat'), 'a printed page says where to cancel, not "this chat"');
    assert.match(html, /<html lang="en" dir="ltr">/);
    assert.match(html, /@media print/);
  });

  it('is right-to-left in Arabic', () => {
    const html = noticePage(notice(appointment({ language: 'ar' })), { lang: 'ar' });
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.ok(html.includes(translator.for('ar')('notice.title')));
  });

  it('is allowed exactly its own style by the Content-Security-Policy', () => {
    const html = noticePage(notice(), { lang: 'en', calendar: { url: 'TOKEN.ics', label: 'Add to calendar' } });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    assert.ok(NOTICE_PAGE_CSP.startsWith("default-src 'none'"));
    assert.ok(NOTICE_PAGE_CSP.includes(`style-src 'sha256-${hash}'`));
    assert.ok(html.includes('<a href="TOKEN.ics">Add to calendar</a>'));
  });
});
