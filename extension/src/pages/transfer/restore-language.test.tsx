// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserInLanguage } from '../../../test-support/browser-language.ts';
import { BACKUP_PASSWORD, backupOf, otp } from '../../../test-support/transfer-fixtures.ts';
import { RestoreScreen } from './RestoreScreen.tsx';

// Why a backup cannot be restored, in the user's language: "Nothing was changed." is added once,
// and not to a reason that already says nothing was restored.

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function alertFor(text: string, labels: { file: string; password: string; open: string }) {
  fireEvent.change(screen.getByLabelText(labels.file), {
    target: { files: [new File([text], 'authenticator-backup.json', { type: 'application/json' })] },
  });
  fireEvent.input(screen.getByLabelText(labels.password), { target: { value: BACKUP_PASSWORD } });
  fireEvent.click(screen.getByRole('button', { name: labels.open }));
  let message = '';
  await waitFor(() => {
    message = screen.getByRole('alert').textContent ?? '';
    expect(message).not.toBe('');
  });
  return message;
}

describe('a backup that cannot be restored', () => {
  it('says why in German', async () => {
    browserInLanguage('de');
    render(<RestoreScreen existing={[]} busy={false} onRestore={vi.fn()} />);
    const labels = { file: 'Sicherungsdatei', password: 'Passwort der Sicherung', open: 'Sicherung öffnen' };
    const text = await backupOf([otp(1)]);
    expect(await alertFor(text.slice(0, text.length / 2), labels)).toBe(
      'Die Sicherungsdatei ist unvollständig oder beschädigt (sie ist kein vollständiges JSON); es wurde nichts wiederhergestellt.',
    );
    cleanup();
    render(<RestoreScreen existing={[]} busy={false} onRestore={vi.fn()} />);
    expect(await alertFor(JSON.stringify({ ...JSON.parse(text), version: 9 }), labels)).toBe(
      'Die Sicherung wurde von einer neueren Version erstellt (Formatversion 9); aktualisiere die Erweiterung, um sie wiederherzustellen. Es wurde nichts geändert.',
    );
  });

  it('says why in French', async () => {
    browserInLanguage('fr');
    render(<RestoreScreen existing={[]} busy={false} onRestore={vi.fn()} />);
    const labels = {
      file: 'Fichier de sauvegarde',
      password: 'Mot de passe de la sauvegarde',
      open: 'Ouvrir la sauvegarde',
    };
    expect(await alertFor('{"note": "not a backup"}', labels)).toBe(
      'Ce fichier n’est pas une sauvegarde faite par cette extension\u00a0; les fichiers d’autres authentificateurs se lisent avec «\u00a0Importer\u00a0». Rien n’a été modifié.',
    );
  });
});
