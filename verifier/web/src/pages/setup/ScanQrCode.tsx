import type { Enrollment } from '../../api/types.ts';
import { groupForReading } from '../../format.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { QrCode } from '../../ui/QrCode.tsx';

/** The QR code to scan and, for typing by hand, the same secret as grouped text. */
export function ScanQrCode({ enrollment }: { enrollment: Enrollment }) {
  return (
    <div class="scan">
      <QrCode text={enrollment.uri} label={`QR code to add ${enrollment.account} to your authenticator`} />
      <div class="scan-text">
        <p>
          <strong>With a phone:</strong> in your authenticator app, choose to add an account and scan this QR
          code.
        </p>
        <p>
          <strong>With the browser extension:</strong> click its icon in the toolbar, choose{' '}
          <em>Scan QR code</em> and drag a selection around the QR code.
        </p>
        <p>Can’t scan? Enter this code instead, choosing a time-based key:</p>
        <p class="secret">
          <code id="setup-key">{groupForReading(enrollment.secret)}</code>
        </p>
        <CopyButton text={enrollment.secret} label="Copy code" />
        <dl class="details compact">
          <dt>Account</dt>
          <dd>{enrollment.account}</dd>
          <dt>Issuer</dt>
          <dd>{enrollment.issuer}</dd>
          <dt>Type</dt>
          <dd>
            Time-based, {enrollment.digits} digits, every {enrollment.period} seconds
          </dd>
        </dl>
      </div>
    </div>
  );
}
