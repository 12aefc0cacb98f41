import { createEventChannel } from '../engine/event-channel.js';
import type { RegistrationForm } from './registration-form.js';
import type { StoredUpload } from './registration-upload.js';

/**
 * What an onboarding command hands its facts provider beside the event, and
 * what the provider hands back. Event payloads are written to the history,
 * so secrets (activation codes, passwords, query codes) and the registration
 * form (which has no payload key) travel here instead, attached to the very
 * event object the runner passes to the provider.
 */
export interface CommandChannel {
  /** REGISTER / RESUBMIT: the validated form and the files already stored. */
  registration?: { entityId: string; form: RegistrationForm; files: StoredUpload[] };
  /** ACTIVATE: the activation code as typed. */
  activationCode?: string;
  /** ACTIVATE: the new password (policy already checked). */
  password?: string;
  /** Public REISSUE_CODE (申请查询): the 6-digit query code as typed. */
  queryCode?: string;
  /** Out: the activation code this command issued, to be shown once. */
  issuedActivationCode?: string;
}

const channels = createEventChannel<CommandChannel>();

/**
 * Attaches a channel to an event and returns the event, to pass to the runner.
 *
 * @example
 * const channel: CommandChannel = { activationCode, password };
 * await engine.institutions.send(id, withChannel({ type: 'ACTIVATE' }, channel), publicActor());
 */
export function withChannel<E extends object>(event: E, channel: CommandChannel): E {
  return channels.attach(event, channel);
}

/**
 * The channel of an event, if the caller attached one (a host sending the
 * event straight to the runner has none: then no secret was presented).
 *
 * @example
 * const code = channelOf(event)?.activationCode;
 */
export function channelOf(event: object): CommandChannel | undefined {
  return channels.of(event);
}
