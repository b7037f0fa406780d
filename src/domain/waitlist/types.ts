import type { ReasonCode } from '../reasons';
import type { ContactRoute } from '../outreach/types';

/**
 * The waitlist: people for whom no time was free tell the bot the days they can come, and a seat
 * freed at their office in those days is held for the first of them and offered (waitlist.ts).
 */

/** What a booking needs from a person waiting, kept in the entry so taking a seat asks nothing again. */
export interface WaitingPerson {
  name: string;
  /** Verifier of the date of birth (personIdentity.ts); never the date itself. */
  dobVerifier: string;
  personKey: string;
  /** E.164. */
  phone: string;
  reason: ReasonCode;
  /** The language the person joined in: every offer is written in it. */
  language: string;
  /**
   * The appointment the person already has, when they wait for an earlier seat: only seats before
   * it are offered (their window ends where it starts), and taking one moves it there.
   */
  receiptNumber?: string;
}

/** The office-local days a person can come (both included), and the instants they span. */
export interface WaitWindow {
  /** YYYY-MM-DD */
  fromDate: string;
  /** YYYY-MM-DD, included. */
  toDate: string;
  /** The instant fromDate begins in the office's zone (ms). */
  fromMs: number;
  /** The instant the day after toDate begins (ms, excluded); waiting for an earlier seat, the start of the appointment held. */
  untilMs: number;
}

export interface WaitlistEntry extends WaitingPerson {
  officeCode: string;
  window: WaitWindow;
  /** How to tell the person a seat is held for them. */
  route: ContactRoute;
  /** The conversation the answer comes in (the route's own conversation): where "yes" takes the seat. */
  replyKey: string;
  /** ISO instant. */
  joinedAt: string;
}

/** A seat held for the person of an entry: offered, or already booked by them (a repeated answer gets the same appointment). */
export interface Offer {
  holdId: string;
  entry: WaitlistEntry;
  /** ISO start of the held slot. */
  slotStart: string;
  /** When the hold ends (ms, the store's clock). */
  untilMs: number;
  status: 'offered' | 'booked';
}

export type JoinResult = 'joined' | 'updated';

/** A seat that was freed: the office and the slot's start. */
export interface FreedSeat {
  officeCode: string;
  slotStart: string;
}

/** What ends a hold: the hold, and whose it is. */
export interface HoldTimer extends FreedSeat {
  holdId: string;
  personKey: string;
}

/**
 * The entries of every office, in joining order. One entry per person (personKey) per office. An
 * entry is waiting, offered a seat (a claim by hold id, ended by `unclaim` or `markBooked`), or
 * booked (kept until the offer's end, so a repeated answer finds it).
 */
export interface WaitlistStore {
  /** Adds the person at the end of the office's list; a person already waiting keeps their place, and their offer, with the new window and route. */
  join(entry: WaitlistEntry): Promise<JoinResult>;
  /**
   * Atomically, the first entry of the office in joining order whose window holds the slot, that is
   * not holding an offer (a claim older than its `until` no longer counts) and has not passed on
   * this slot before: it is marked as offered `holdId` until `claimUntil`. Entries whose window has
   * ended are removed on the way.
   */
  claimNext(seat: FreedSeat, holdId: string, now: Date, claimUntil: Date): Promise<WaitlistEntry | undefined>;
  /** Ends the entry's offer of `holdId` (and only that one); `passed`: this slot is not offered to it again. */
  unclaim(officeCode: string, personKey: string, holdId: string, passed: boolean): Promise<boolean>;
  /** The entry's offer of `holdId` was booked: it waits no more, and is kept as booked until the offer's end. */
  markBooked(officeCode: string, personKey: string, holdId: string): Promise<boolean>;
  /** Removes every entry this conversation made; answers them with the offer each held, if any. */
  leave(replyKey: string): Promise<{ entry: WaitlistEntry; offer?: Offer }[]>;
  /** Removes one person's entry at one office (they took a seat another way); with `receiptNumber`, only if it waits for an earlier seat than that appointment. */
  remove(officeCode: string, personKey: string, receiptNumber?: string): Promise<boolean>;
  /** The offer held (or booked, until its end) by an entry of this conversation. */
  offerFor(replyKey: string, now: Date): Promise<Offer | undefined>;
  /** The entries of this conversation that are still waiting or offered. */
  entriesOf(replyKey: string): Promise<WaitlistEntry[]>;
  /** Removes entries whose window ended and booked entries whose offer ended, before `now`; returns how many. */
  purgeEnded(now: Date): Promise<number>;
}

/** What the waitlist does when a job falls due (the jobs call it; waitlist.ts implements it). */
export interface WaitlistWork {
  seatFreed(seat: FreedSeat): Promise<unknown>;
  holdExpired(hold: HoldTimer): Promise<void>;
}

/**
 * The waitlist's timers and queue: on Redis, BullMQ jobs on the same server (they survive a
 * restart and run once across processes); in memory, timers of this process.
 */
export interface WaitlistJobs {
  /** Offers the seat to the first person waiting, soon and outside the caller's turn; once per `dedupeId`. */
  seatFreed(seat: FreedSeat, dedupeId: string): Promise<void>;
  /** Calls holdExpired(hold) after `delayMs` unless cancelled. */
  expireHoldAfter(hold: HoldTimer, delayMs: number): Promise<void>;
  cancelHoldExpiry(holdId: string): Promise<void>;
}
