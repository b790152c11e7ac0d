export { checkGraceExtension, type GraceExtensionCheck, parseGraceDate } from './extension.ts';
export {
  DEFAULT_GRACE_DAYS,
  GraceArgumentError,
  type GraceSettings,
  type GraceState,
  graceEnd,
  graceState,
  mandatoryFor,
} from './grace-period.ts';
export {
  checkSystemSwitchChange,
  type EffectiveSystemSwitch,
  effectiveSystemSwitch,
  type SwitchChangeCheck,
} from './system-switch.ts';
