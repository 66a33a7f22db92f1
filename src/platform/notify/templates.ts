import { createMessages, type Language, type Messages } from '../i18n/i18n.ts';

/**
 * The templates of messages to service users. Their text lives in the locale files, in
 * English and Welsh, under notify.templates.<template>.{name,subject,body,sms}, so the
 * delivery adapter that comes later only sends what `renderMessage` gives it.
 */
export const MESSAGE_TEMPLATES = ['delay-notice', 'feedback-invitation'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

export function isMessageTemplate(value: unknown): value is MessageTemplate {
  return typeof value === 'string' && (MESSAGE_TEMPLATES as readonly string[]).includes(value);
}

export interface RenderedMessage {
  /** The subject of an e-mail or the heading of a letter. */
  subject: string;
  /** The text of an e-mail or a letter. */
  body: string;
  /** The text of a text message. */
  sms: string;
}

export class MessageTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageTemplateError';
  }
}

let loaded: Record<Language, Messages> | undefined;

/** Both languages' catalogues, read once. */
function defaultMessages(): Record<Language, Messages> {
  loaded ??= createMessages();
  return loaded;
}

/**
 * Fill a template's text in the recipient's language with the personalisation. Every
 * placeholder must have a value: a message is never sent with "{reason}" in it, nor with
 * a value left empty. Values are inserted as given (the adapter escapes for its channel).
 */
export function renderMessage(
  template: string,
  language: Language,
  personalisation: Record<string, string | number | boolean | null | undefined>,
  messages: Record<Language, Messages> = defaultMessages(),
): RenderedMessage {
  if (!isMessageTemplate(template)) throw new MessageTemplateError(`Unknown message template "${template}".`);
  const m = messages[language];
  if (!m) throw new MessageTemplateError(`Unknown language "${language}".`);
  const fill = (part: 'subject' | 'body' | 'sms') => {
    const key = `notify.templates.${template}.${part}`;
    if (!m.has(key)) throw new MessageTemplateError(`No ${language} text for ${key}.`);
    return m.t(key).replace(/\{(\w+)\}/g, (_whole, name: string) => {
      const value = personalisation[name];
      if (value === null || value === undefined || String(value).trim() === '') {
        throw new MessageTemplateError(`Template ${template} needs "${name}", which was not given.`);
      }
      return String(value);
    });
  };
  return { subject: fill('subject'), body: fill('body'), sms: fill('sms') };
}

/** The placeholders a template's texts use, in either language (the same by the parity test). */
export function templatePlaceholders(
  template: MessageTemplate,
  messages: Record<Language, Messages> = defaultMessages(),
): string[] {
  const names = new Set<string>();
  for (const part of ['subject', 'body', 'sms']) {
    for (const match of messages.en.t(`notify.templates.${template}.${part}`).matchAll(/\{(\w+)\}/g)) {
      names.add(match[1]!);
    }
  }
  return [...names].sort();
}
