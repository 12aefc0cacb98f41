/**
 * The security knobs of SPEC §4.5 with their defaults (等保2.0 level-2
 * practice). Hosts override any of them in createEngine({ security }).
 */
export interface SecuritySettings {
  /** Failed logins in a row that lock an account. */
  maxFailedLogins: number;
  lockMinutes: number;
  /** A session unused this long expires. */
  sessionIdleMinutes: number;
  /** A session expires this long after login, however active. */
  sessionAbsoluteHours: number;
  activationCodeDays: number;
  queryCodeMinutes: number;
  /** Wrong guesses that burn a query or activation code. */
  codeMaxAttempts: number;
  /** Wrong 登记号 + 校验码 pairs a candidate may enter per hour before RATE_LIMITED. */
  checkCodeMaxAttempts: number;
}

export const defaultSecuritySettings: Readonly<SecuritySettings> = Object.freeze({
  maxFailedLogins: 5,
  lockMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  activationCodeDays: 30,
  queryCodeMinutes: 10,
  codeMaxAttempts: 5,
  checkCodeMaxAttempts: 10,
});
