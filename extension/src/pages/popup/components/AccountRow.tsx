import { useState } from 'preact/hooks';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import type { DropSide } from '../../../accounts/list.ts';
import { t, tPlural } from '../../../i18n/t.ts';
import { avatarOf } from '../avatar.ts';
import { groupDigits, totpView } from '../codes.ts';

export interface AccountRowProps {
  account: VaultAccount;
  nowMs: number;
  copied: boolean;
  /** HOTP: the code revealed by "Next code" in this popup session, if any. */
  revealedHotp: string | undefined;
  onCopy(code: string): void;
  /** The account is linked to the site of the page the popup is on. */
  forThisSite?: boolean;
  /** Fills the code into the page; absent when there is no page to fill. */
  onFill?: ((code: string) => void) | undefined;
  onNextHotp(): void;
  onEdit(): void;
  /** The group the row belongs to on screen (this site, pinned, the rest): drags stay within it. */
  group?: string;
  /** The drag handle's events; absent when the list is not in the user's own order. */
  handle?: DragHandleEvents | undefined;
  /** While a drag is on: this row is dragged, or the dragged one would land on this side of it. */
  drag?: 'dragged' | DropSide | undefined;
}

export interface DragHandleEvents {
  onPointerDown(event: PointerEvent): void;
  onPointerMove(event: PointerEvent): void;
  onPointerUp(event: PointerEvent): void;
  onPointerCancel(): void;
  onKeyDown(event: KeyboardEvent): void;
}

/** The id of the hint every handle points to (aria-describedby); the list renders it once. */
export const HANDLE_HINT_ID = 'drag-handle-hint';

export function AccountRow({
  account,
  nowMs,
  copied,
  revealedHotp,
  onCopy,
  onEdit,
  onNextHotp,
  forThisSite = false,
  onFill,
  group,
  handle,
  drag,
}: AccountRowProps) {
  const totp = account.type === 'hotp' ? null : totpView(account, nowMs);
  const code = totp ? totp.code : revealedHotp;
  const label = displayName(account);
  const left = totp ? tPlural('secondsLeft', totp.secondsLeft) : '';
  const shown = code === undefined ? undefined : account.type === 'steam' ? code : groupDigits(code);
  const avatar = avatarOf(account);
  // An icon the browser cannot decode falls back to the letter avatar.
  const [iconBroken, setIconBroken] = useState(false);
  return (
    <li
      class={`account${account.pinned ? ' pinned' : ''}${forThisSite ? ' this-site' : ''}${drag ? ` drag-${drag}` : ''}`}
      data-account-id={account.id}
      data-group={group}
    >
      {handle && (
        <button
          type="button"
          class="drag-handle"
          aria-label={t('moveAccount', label)}
          aria-describedby={HANDLE_HINT_ID}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          {...handle}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      {account.icon && !iconBroken ? (
        <img
          class="avatar site-icon"
          src={account.icon}
          alt=""
          width={24}
          height={24}
          onError={() => setIconBroken(true)}
        />
      ) : (
        <span class={`avatar avatar-${avatar.colour}`} aria-hidden="true">
          {avatar.letter}
        </span>
      )}
      {/* The name comes from what the row shows, the code included, so a screen reader hears the
          code and a speech user can say what they see (WCAG 2.5.3); "Copy" is for screen readers. */}
      <button
        type="button"
        class="code-button"
        disabled={shown === undefined}
        onClick={() => code !== undefined && onCopy(code)}
      >
        {/* The spaces between the parts keep the words of the name apart whatever the layout. */}
        {shown !== undefined && <span class="visually-hidden">{t('copy')}</span>}{' '}
        <span class="issuer" title={account.issuer || account.account}>
          {account.issuer || account.account}
        </span>{' '}
        {account.issuer && (
          <span class="name" title={account.account}>
            {account.account}
          </span>
        )}{' '}
        {forThisSite && <span class="site-badge">{t('thisSite')}</span>}{' '}
        <span class="code" data-testid="code" aria-hidden={shown === undefined}>
          {shown ?? '••• •••'}
        </span>{' '}
        {shown === undefined && <span class="visually-hidden">{t('pressNextCode')}</span>}
        {copied && (
          <span class="copied" role="status">
            {t('copied')}
          </span>
        )}
      </button>
      {totp && (
        <span class="countdown" role="img" title={left} aria-label={left}>
          <svg viewBox="0 0 36 36" width="22" height="22" aria-hidden="true">
            <circle class="ring-track" cx="18" cy="18" r="15" fill="none" stroke-width="4" />
            <circle
              class={`ring-progress${totp.secondsLeft <= 5 ? ' ending' : ''}`}
              cx="18"
              cy="18"
              r="15"
              fill="none"
              stroke-width="4"
              stroke-dasharray={`${(94.25 * totp.secondsLeft) / account.period} 94.25`}
              transform="rotate(-90 18 18)"
            />
          </svg>
          <span class="seconds">{totp.secondsLeft}</span>
        </span>
      )}
      {onFill && code !== undefined && (
        <button type="button" class="fill" aria-label={t('fillCodeFor', label)} onClick={() => onFill(code)}>
          {t('fill')}
        </button>
      )}
      {account.type === 'hotp' && (
        <button type="button" class="next-code" onClick={onNextHotp}>
          {t('nextCode')}
        </button>
      )}
      <button type="button" class="edit" aria-label={t('editNamed', label)} onClick={onEdit}>
        ⋯
      </button>
    </li>
  );
}
