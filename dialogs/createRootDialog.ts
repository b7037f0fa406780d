import { RootDialog } from './rootDialog';
import { LanguageDialog } from './languageDialog';
import { BookingDialog } from './bookingDialog';
import { CancelDialog } from './cancelDialog';
import { LocationDialog } from './locationDialog';
import { PersonalDetailsDialog } from './personalDetailsDialog';
import { SlotDialog } from './slotDialog';
import { GoOnDialog } from './goOnDialog';
import { VerifyDialog } from './verifyDialog';
import { LookupDialog } from './lookupDialog';
import { RescheduleDialog } from './rescheduleDialog';
import { ReminderDialog } from './reminderDialog';
import { SeatOfferDialog, WaitlistDialog } from './waitlistDialog';
import { RebookDialog } from './rebookDialog';
import type { DialogServices } from './services';

/** The whole conversation over the given services: the root dialog holding every flow. */
export function createRootDialog(services: DialogServices): RootDialog {
  return new RootDialog(services, [
    new LanguageDialog(services),
    new BookingDialog(services),
    new LocationDialog(services),
    new PersonalDetailsDialog(services),
    new SlotDialog(services),
    new CancelDialog(services),
    new VerifyDialog(services),
    new LookupDialog(services),
    new RescheduleDialog(services),
    new ReminderDialog(services),
    new GoOnDialog(services),
    new WaitlistDialog(services),
    new SeatOfferDialog(services),
    new RebookDialog(services),
  ]);
}
