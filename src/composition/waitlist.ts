import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { Clock } from '../domain/clock';
import type { Translator } from '../domain/i18n/translator';
import type { OfficeDirectory } from '../domain/offices/types';
import type { AppointmentStore } from '../domain/appointments/types';
import type { ContactRoute, Outreach } from '../domain/outreach/types';
import type { SlotPolicy } from '../domain/slots/types';
import { Waitlist } from '../domain/waitlist/waitlist';
import { startFreedSeatRelay, type FreedSeatRelay } from '../domain/waitlist/freedSeatRelay';
import { startWaitlistSweep } from '../domain/waitlist/sweep';
import { conversationKeyOf } from '../reliability/serialTurns';
import { smsConversationId } from '../channels/sms/smsConversation';
import { SMS_CHANNEL } from '../channels/sms/smsMiddleware';
import { errorForLog, type Logger } from '../logger';
import type { WaitlistServices } from '../../dialogs/services';
import type { Backends } from './backends';

export interface WaitlistParts {
  backends: Backends;
  /** The store people book through (with the guards): a held seat is booked through it. */
  appointments: AppointmentStore;
  outreach: Pick<Outreach, 'send'>;
  clock: Clock;
  offices: OfficeDirectory;
  /** With the operators' closures and capacities per day: a closed slot is offered to nobody. */
  policy: SlotPolicy;
  translator: Translator;
  holdMinutes: number;
  /** MAX_RESCHEDULES: taking an earlier seat moves the person's appointment. */
  maxMoves: number;
  /** Keys the SMS conversation ids (PERSON_KEY_SECRET): an answer by text comes back in the conversation of that number. */
  smsSecret: string;
  logger: Logger;
}

export interface RunningWaitlist {
  services: WaitlistServices;
  /**
   * Starts this process's jobs (BullMQ's worker on Redis) and its relay of freed seats: after the
   * warm-up, since BullMQ takes ~0.5 s to load. What falls due before waits: in Redis (the jobs, the
   * freed-seat stream), or in the embedded jobs' list and freed-seat queue.
   */
  startJobs(): void;
  /** Stops the sweep and the relay (the jobs close with the backends). */
  stop(): Promise<void>;
}

const referenceSchema = z.object({ channelId: z.string(), conversation: z.object({ id: z.string() }) });

/**
 * The conversation an answer to a message on this route comes back in, as the turns name it
 * (conversationKeyOf): a text to a number, that number's SMS conversation; a chat message, its chat.
 */
export function replyConversationKey(route: ContactRoute, smsSecret: string): string {
  const activity =
    route.channel === 'sms'
      ? { channelId: SMS_CHANNEL, conversation: { id: smsConversationId(route.phone, smsSecret) } }
      : referenceSchema.parse(JSON.parse(route.conversationReference));
  const key = conversationKeyOf(activity);
  if (!key) throw new Error('a contact route names no conversation');
  return key;
}

/** The waitlist wired to the backends: its jobs ready to start, the sweep running. */
export function startWaitlist(parts: WaitlistParts): RunningWaitlist {
  const { backends, logger } = parts;
  const waitlist = new Waitlist({
    entries: backends.waitlist,
    seats: backends.seats,
    appointments: parts.appointments,
    outreach: parts.outreach,
    jobs: backends.waitlistJobs,
    clock: parts.clock,
    offices: parts.offices,
    policy: parts.policy,
    translator: parts.translator,
    holdMinutes: parts.holdMinutes,
    maxMoves: parts.maxMoves,
    replyKeyOf: (route) => replyConversationKey(route, parts.smsSecret),
  });
  const sweep = startWaitlistSweep({
    waitlist,
    onSwept: (released, purged) => {
      if (released + purged > 0) logger.info({ released, purged }, 'waitlist swept');
    },
    onError: (err) => logger.warn(errorForLog(err), 'sweeping the waitlist failed'),
  });
  let relay: FreedSeatRelay | undefined;
  let started = false;
  let stopped = false;
  return {
    services: { waitlist },
    startJobs() {
      if (started || stopped) return;
      started = true;
      backends.waitlistJobs.start(waitlist);
      relay = startFreedSeatRelay({
        feed: backends.freedSeats,
        // A BullMQ job outlives this process: an event is acknowledged once its job is queued. The
        // in-process jobs (embedded, Redis Cluster) do not: there it is acknowledged once the waitlist
        // has held the seat and told someone (or found nobody to tell).
        jobs: backends.queueRedis ? backends.waitlistJobs : { seatFreed: async (seat) => void (await waitlist.seatFreed(seat)) },
        consumer: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
        onError: (err) => logger.warn(errorForLog(err), 'relaying freed seats to the waitlist failed'),
      });
    },
    async stop() {
      stopped = true;
      await relay?.stop();
      await sweep.stop();
    },
  };
}
