import type { GraceState } from './grace-period.ts';

/** The system-wide 2FA switch as the admin sees it. */
export interface EffectiveSystemSwitch {
  readonly enabled: boolean;
  /** True once 2FA is mandatory: the switch shows as on and can no longer be turned off. */
  readonly locked: boolean;
}

export function effectiveSystemSwitch(adminSwitch: boolean, state: GraceState): EffectiveSystemSwitch {
  if (state.mandatory) return { enabled: true, locked: true };
  return { enabled: adminSwitch, locked: false };
}

export type SwitchChangeCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'two_factor_mandatory'; readonly message: string };

/** Refuses turning the system switch off after the grace period; anything else is allowed. */
export function checkSystemSwitchChange(turnOn: boolean, state: GraceState): SwitchChangeCheck {
  if (!turnOn && state.mandatory) {
    return {
      ok: false,
      code: 'two_factor_mandatory',
      message: `Two-factor sign-in has been mandatory since ${state.endsAt.toISOString()}; it cannot be turned off. Extend the grace period first if you need more time.`,
    };
  }
  return { ok: true };
}
