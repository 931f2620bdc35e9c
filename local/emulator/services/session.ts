// Session: the active user, the script's time zone and the user's locale.
//
// Pinned behaviours (source: https://developers.google.com/apps-script/reference/base/session):
// - getActiveUser() and getEffectiveUser() need the userinfo.email scope, so they are refused in
//   AuthMode.NONE. getScriptTimeZone() and getActiveUserLocale() list no scope and are allowed.
// - The active user's email is blank where the script runs without that user's authorization, such
//   as a simple onOpen(e) trigger: the emulator returns "" in AuthMode.LIMITED.
// - getActiveUserLocale() is a language code such as "en".
// - getEffectiveUser() needs the userinfo.email scope in the manifest's oauthScopes: without it Apps
//   Script says "You do not have permission to call getEffectiveUser" (oshliaer/google-apps-script-snippets#23).
// - The effective user of an installable trigger's run is the user who made the trigger (the Emulator
//   runs it as that user, see Emulator.advanceClock).
// Not confirmed: the scopes of getTemporaryActiveUserKey(); it is refused in AuthMode.NONE here.
// getActiveUser() is not refused without the scope here (Google documents the scope for it too, but
// reports differ on whether it throws or returns "").

import { createHash } from 'node:crypto';
import { RT, instrument, type GasShape, type Runtime } from '../runtime.ts';
import { requireScope } from './mail.ts';

export const USERINFO_EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';

export class EmuUser implements GasShape<GoogleAppsScript.Base.User, 'getEmail'> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly email: string,
  ) {
    this[RT] = rt;
  }
  getEmail(): string {
    return this.email;
  }
}

export interface SessionConfig {
  /** The script project's time zone (appsscript.json "timeZone"). */
  scriptTimeZone: string;
  /** The active user's language, e.g. "en". */
  locale?: string;
  /** Whose authority the script runs under; defaults to the active user (an add-on run by its user). */
  effectiveUser?: string;
  /** Salt for getTemporaryActiveUserKey, standing for the script project. */
  scriptId?: string;
}

export class EmuSession implements GasShape<
  GoogleAppsScript.Base.Session,
  'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'
> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly config: SessionConfig,
  ) {
    this[RT] = rt;
  }

  getActiveUser(): EmuUser {
    return new EmuUser(this[RT], this[RT].authMode === 'LIMITED' ? '' : this[RT].activeUser);
  }
  getEffectiveUser(): EmuUser {
    requireScope(this[RT], 'Session.getEffectiveUser', USERINFO_EMAIL_SCOPE);
    return new EmuUser(this[RT], this.config.effectiveUser ?? this[RT].activeUser);
  }
  getScriptTimeZone(): string {
    return this.config.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return this.config.locale ?? 'en';
  }
  /** Stable per user and script, and does not reveal the address. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`${this.config.scriptId ?? 'script'}\n${this[RT].activeUser}`)
      .digest('base64');
  }
}

instrument(EmuSession, 'Session', ['getScriptTimeZone', 'getActiveUserLocale']);
instrument(EmuUser, 'User', ['getEmail']);
