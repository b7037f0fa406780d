import assert from 'node:assert/strict';
import { RootDialog } from '../../dialogs/rootDialog';
import { LanguageDialog } from '../../dialogs/languageDialog';
import { createRootDialog } from '../../dialogs/createRootDialog';
import { testServices } from '../support/dialogHarness';

describe('RootDialog', () => {
  it('holds every flow and prompt under its own id', () => {
    const root = createRootDialog(testServices());
    const ids = root.dialogs.getDialogs().map((dialog) => dialog.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(
      ids.every((id) => !/\d$/.test(id)),
      `no id renamed by botbuilder: ${ids.join(', ')}`,
    );
  });

  it('refuses two dialogs with one id at start-up, instead of botbuilder renaming the second', () => {
    const services = testServices();
    assert.throws(
      () => new RootDialog(services, [new LanguageDialog(services), new LanguageDialog(services)]),
      /two dialogs have the id "/,
    );
  });
});
