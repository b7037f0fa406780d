import type { Clock } from '../../src/domain/clock';

/** A clock the test moves by hand: expiry without waiting. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(iso: string) {
    this.ms = new Date(iso).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advanceSeconds(seconds: number): void {
    this.ms += seconds * 1000;
  }

  advanceMinutes(minutes: number): void {
    this.advanceSeconds(minutes * 60);
  }
}
