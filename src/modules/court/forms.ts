import { z } from 'zod';
import { dateFromParts } from '../../platform/forms/date-input.ts';
import {
  DIRECTION_TYPES,
  type DirectionType,
  HEARING_STATUSES,
  HEARING_TYPES,
  type HearingStatus,
  londonInstant,
  ORDER_TYPES,
  type OrderType,
  parseTime,
} from './rules.ts';

const E = 'court.errors.';

const text = (max: number) =>
  z
    .string()
    .optional()
    .catch('')
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: `${E}tooLong` }));

const token = z
  .string({ error: `${E}formExpired` })
  .regex(/^[A-Za-z0-9_-]{32}$/, { error: `${E}formExpired` })
  .optional()
  .catch(undefined);

const dateParts = (prefix: string) => ({
  [`${prefix}-day`]: text(10),
  [`${prefix}-month`]: text(10),
  [`${prefix}-year`]: text(10),
});

const dateOf = (v: Record<string, string>, prefix: string) =>
  dateFromParts(v[`${prefix}-day`] ?? '', v[`${prefix}-month`] ?? '', v[`${prefix}-year`] ?? '');

type Issue = (path: string, key: string) => void;
const issuer = (ctx: z.RefinementCtx): Issue => {
  return (path, key) => ctx.addIssue({ code: 'custom', path: [path], message: `${E}${key}` });
};

/** Error-summary anchors for the date inputs (their day field). */
export const DATE_ANCHORS = {
  heldOn: 'heldOn-day',
  madeOn: 'madeOn-day',
  dueOn: 'dueOn-day',
  expectedOn: 'expectedOn-day',
};

/**
 * The hearing form. The type is one of ours, or the code the hearing already has (an
 * imported hearing keeps the court's code); the date and time are London wall-clock time.
 */
export function hearingSchema(today: string, currentTypeCode: string | null) {
  return z
    .object({
      typeCode: text(40),
      ...dateParts('heldOn'),
      time: text(10),
      venue: text(200),
      status: text(20),
      outcome: text(5000),
      version: text(12),
      _formToken: token,
    })
    .transform((v, ctx) => {
      const issue = issuer(ctx);
      const known = (HEARING_TYPES as readonly string[]).includes(v.typeCode);
      if (!known && !(currentTypeCode && v.typeCode === currentTypeCode)) issue('typeCode', 'typeRequired');
      const on = dateOf(v, 'heldOn');
      if (on === null) issue('heldOn', 'heldOnRequired');
      else if (on === 'invalid') issue('heldOn', 'heldOnInvalid');
      const time = parseTime(v.time);
      if (v.time === '') issue('time', 'timeRequired');
      else if (!time) issue('time', 'timeInvalid');
      if (!(HEARING_STATUSES as readonly string[]).includes(v.status)) issue('status', 'statusRequired');
      if (v.status === 'COMPLETED' && v.outcome === '') issue('outcome', 'outcomeRequired');
      if (v.status === 'COMPLETED' && on && on !== 'invalid' && on > today) issue('status', 'completedInFuture');
      if (!v._formToken) issue('typeCode', 'formExpired');
      if (!on || on === 'invalid' || !time || !v._formToken) return z.NEVER;
      return {
        typeCode: v.typeCode,
        date: on,
        time: v.time,
        startsAt: londonInstant(on, time),
        venue: v.venue || null,
        status: v.status as HearingStatus,
        outcome: v.outcome || null,
        version: /^\d{1,9}$/.test(v.version) ? Number(v.version) : null,
        formToken: v._formToken,
      };
    });
}
export type HearingInput = z.output<ReturnType<typeof hearingSchema>>;

/** The order form, given the case's hearings (an order is made at one of them, or none said). */
export function orderSchema(today: string, hearingIds: readonly string[]) {
  return z
    .object({
      orderType: text(20),
      label: text(200),
      ...dateParts('madeOn'),
      hearingId: text(60),
      final: text(5),
      _formToken: token,
    })
    .transform((v, ctx) => {
      const issue = issuer(ctx);
      if (!(ORDER_TYPES as readonly string[]).includes(v.orderType)) issue('orderType', 'orderTypeRequired');
      else if (v.orderType === 'other' && v.label === '') issue('label', 'orderLabelRequired');
      const on = dateOf(v, 'madeOn');
      if (on === null) issue('madeOn', 'madeOnRequired');
      else if (on === 'invalid') issue('madeOn', 'madeOnInvalid');
      else if (on > today) issue('madeOn', 'madeOnFuture');
      if (v.hearingId !== '' && !hearingIds.includes(v.hearingId)) issue('hearingId', 'hearingInvalid');
      if (v.final !== 'yes' && v.final !== 'no') issue('final', 'finalRequired');
      if (!v._formToken) issue('orderType', 'formExpired');
      if (!on || on === 'invalid' || !v._formToken) return z.NEVER;
      return {
        orderType: v.orderType as OrderType,
        label: v.orderType === 'other' ? v.label : null,
        madeOn: on,
        hearingId: v.hearingId || null,
        final: v.final === 'yes',
        formToken: v._formToken,
      };
    });
}
export type OrderInput = z.output<ReturnType<typeof orderSchema>>;

/** A new direction: what the court directed of us, and by when. */
export function directionSchema() {
  return z
    .object({
      reportType: text(30),
      reportLabel: text(200),
      ...dateParts('dueOn'),
      _formToken: token,
    })
    .transform((v, ctx) => {
      const issue = issuer(ctx);
      if (!(DIRECTION_TYPES as readonly string[]).includes(v.reportType)) issue('reportType', 'reportTypeRequired');
      else if (v.reportType === 'other' && v.reportLabel === '') issue('reportLabel', 'reportLabelRequired');
      const on = dateOf(v, 'dueOn');
      if (on === null) issue('dueOn', 'dueOnRequired');
      else if (on === 'invalid') issue('dueOn', 'dueOnInvalid');
      if (!v._formToken) issue('reportType', 'formExpired');
      if (!on || on === 'invalid' || !v._formToken) return z.NEVER;
      return {
        reportType: v.reportType as DirectionType,
        reportLabel: v.reportType === 'other' ? v.reportLabel : null,
        dueOn: on,
        formToken: v._formToken,
      };
    });
}
export type DirectionInput = z.output<ReturnType<typeof directionSchema>>;

/**
 * A new filing date for a direction (the court extended it or brought it forward), with why.
 * That it differs from the current date is checked when saving (a repeated post is not an error).
 */
export function directionDateSchema() {
  return z
    .object({
      ...dateParts('dueOn'),
      reason: text(1000),
      version: text(12),
      _formToken: token,
    })
    .transform((v, ctx) => {
      const issue = issuer(ctx);
      const on = dateOf(v, 'dueOn');
      if (on === null) issue('dueOn', 'dueOnRequired');
      else if (on === 'invalid') issue('dueOn', 'dueOnInvalid');
      if (v.reason === '') issue('reason', 'changeReasonRequired');
      if (!v._formToken) issue('dueOn', 'formExpired');
      if (!on || on === 'invalid' || !v._formToken || v.reason === '') return z.NEVER;
      return {
        dueOn: on,
        reason: v.reason,
        version: /^\d{1,9}$/.test(v.version) ? Number(v.version) : null,
        formToken: v._formToken,
      };
    });
}
export type DirectionDateInput = z.output<ReturnType<typeof directionDateSchema>>;

export interface NoticePartyOption {
  id: string;
  channels: readonly string[];
}

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .catch([])
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * The delay notice form: which open direction, the new expected date (after the date that
 * will be missed, and not in the past), the reason, and which parties to tell with a
 * channel each of those they can be told by. `channel-<partyId>` carries each channel.
 */
export function delayNoticeSchema(
  today: string,
  directions: readonly { id: string; dueOn: string | null }[],
  parties: readonly NoticePartyOption[],
) {
  return z
    .looseObject({
      directionId: text(60),
      ...dateParts('expectedOn'),
      reason: text(500),
      parties: list.pipe(z.array(z.string().max(60)).max(20)),
      _formToken: token,
    })
    .transform((v, ctx) => {
      const issue = issuer(ctx);
      const direction = directions.find((d) => d.id === v.directionId);
      if (!direction) issue('directionId', 'directionRequired');
      const on = dateOf(v as unknown as Record<string, string>, 'expectedOn');
      if (on === null) issue('expectedOn', 'expectedOnRequired');
      else if (on === 'invalid') issue('expectedOn', 'expectedOnInvalid');
      else if (on < today) issue('expectedOn', 'expectedOnPast');
      else if (direction?.dueOn && on <= direction.dueOn) issue('expectedOn', 'expectedOnNotLater');
      if (v.reason === '') issue('reason', 'reasonRequired');
      const chosen = [...new Set(v.parties)];
      const recipients: { partyId: string; channel: 'email' | 'sms' | 'letter' }[] = [];
      if (chosen.length === 0) issue('parties', 'partiesRequired');
      for (const partyId of chosen) {
        const party = parties.find((p) => p.id === partyId);
        if (!party) {
          issue('parties', 'partiesRequired');
          continue;
        }
        const posted = (v as Record<string, unknown>)[`channel-${partyId}`];
        const channel = typeof posted === 'string' ? posted : '';
        if (!party.channels.includes(channel)) issue(`channel-${partyId}`, 'channelRequired');
        else recipients.push({ partyId, channel: channel as 'email' | 'sms' | 'letter' });
      }
      if (!v._formToken) issue('directionId', 'formExpired');
      if (!direction || !on || on === 'invalid' || v.reason === '' || recipients.length !== chosen.length)
        return z.NEVER;
      if (recipients.length === 0 || !v._formToken) return z.NEVER;
      return {
        directionId: direction.id,
        expectedOn: on,
        reason: v.reason,
        recipients,
        formToken: v._formToken,
      };
    });
}
export type DelayNoticeInput = z.output<ReturnType<typeof delayNoticeSchema>>;
