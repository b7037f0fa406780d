import { RootDialog } from './rootDialog';
import { LanguageDialog } from './languageDialog';
import { BookingDialog } from './bookingDialog';
import { CancelDialog } from './cancelDialog';
import { LocationDialog } from './locationDialog';
import { PersonalDetailsDialog } from './personalDetailsDialog';
import { SlotDialog } from './slotDialog';
import type { DialogServices } from './services';

/** The whole dialog tree over the given services. */
export function createRootDialog(services: DialogServices): RootDialog {
  return new RootDialog(services, {
    language: new LanguageDialog(services),
    booking: new BookingDialog(services, {
      location: new LocationDialog(services),
      details: new PersonalDetailsDialog(services),
      slot: new SlotDialog(services),
    }),
    cancel: new CancelDialog(services),
  });
}
