// Session timeout warning.
//
// Progressive enhancement: the server renders the markup (see below) and signs idle
// sessions out on its own; this module only warns the user first and lets them extend.
//
//   <div class="app-timeout" data-module="app-timeout-warning"
//        data-idle-seconds="1800" data-warning-seconds="300"
//        data-extend-url="/session/extend" data-sign-out-url="/sign-out?reason=timeout"
//        data-csrf-token="TOKEN">
//     <dialog class="app-timeout-dialog" aria-labelledby="app-timeout-heading"
//             aria-describedby="app-timeout-message">
//       <h2 class="govuk-heading-m" id="app-timeout-heading">…</h2>
//       <p class="govuk-body" id="app-timeout-message">…
//         <span class="app-timeout-countdown"
//               data-template-minutes="You will be signed out in %s minutes"
//               data-template-seconds="You will be signed out in %s seconds">…</span></p>
//       <div class="govuk-button-group">
//         <button type="button" class="govuk-button" data-action="extend">Stay signed in</button>
//         <a class="govuk-link" href="/sign-out?reason=timeout" data-action="sign-out">Sign out</a>
//       </div>
//     </dialog>
//   </div>
//
// Optional: data-template-minute / data-template-second (singular forms, used for
// "1 minute" / "1 second"; the plural templates are used when they are absent).
//
// Timings use wall-clock deadlines, not tick counting, so throttled background tabs and
// a sleeping laptop still sign out on time. Tabs share "last activity" through
// localStorage, so extending (or loading a page) in one tab resets the others.
import { Component } from 'govuk-frontend';

const STORAGE_KEY = 'app-timeout-warning:last-activity';
const EXTEND_TIMEOUT_MS = 10000;

/**
 * @param {string | undefined} value
 * @param {string} name
 * @returns {number}
 */
function parseSeconds(value, name) {
  const seconds = Number.parseInt(value ?? '', 10);
  if (!Number.isFinite(seconds) || seconds < 0 || String(seconds) !== String(value).trim()) {
    throw new Error(`app-timeout-warning: data-${name} must be a whole number of seconds, got "${value}"`);
  }
  return seconds;
}

/**
 * Resolves a URL and refuses anything that is not same-origin (no external requests).
 *
 * @param {string | undefined} value
 * @param {string} name
 * @returns {string}
 */
function sameOriginUrl(value, name) {
  if (!value) {
    throw new Error(`app-timeout-warning: data-${name} is required`);
  }
  const url = new URL(value, window.location.href);
  if (url.origin !== window.location.origin) {
    throw new Error(`app-timeout-warning: data-${name} must be same-origin`);
  }
  return url.href;
}

/**
 * @param {string} template
 * @param {number} value
 * @returns {string}
 */
function fill(template, value) {
  return template.replace('%s', String(value));
}

export class TimeoutWarning extends Component {
  static moduleName = 'app-timeout-warning';

  static checkSupport() {
    Component.checkSupport();
    if (typeof HTMLDialogElement !== 'function' || !('showModal' in HTMLDialogElement.prototype)) {
      throw new Error('app-timeout-warning: <dialog> is not supported');
    }
  }

  /**
   * @param {Element | null} $root
   */
  constructor($root) {
    super($root);
    const root = /** @type {HTMLElement} */ (this.$root);
    const data = root.dataset;

    this.idleMs = parseSeconds(data.idleSeconds, 'idle-seconds') * 1000;
    this.warningMs = Math.min(parseSeconds(data.warningSeconds, 'warning-seconds') * 1000, this.idleMs);
    this.extendUrl = sameOriginUrl(data.extendUrl, 'extend-url');
    this.signOutUrl = sameOriginUrl(data.signOutUrl, 'sign-out-url');
    this.csrfToken = data.csrfToken ?? '';

    const dialog = root.querySelector('dialog.app-timeout-dialog');
    if (!(dialog instanceof HTMLDialogElement)) {
      throw new Error('app-timeout-warning: missing <dialog class="app-timeout-dialog">');
    }
    /** @type {HTMLDialogElement} */
    this.dialog = dialog;
    /** @type {HTMLElement | null} */
    this.countdown = dialog.querySelector('.app-timeout-countdown');
    /** @type {HTMLButtonElement | null} */
    this.extendButton = dialog.querySelector('[data-action="extend"]');
    /** @type {HTMLElement | null} */
    this.heading = dialog.querySelector('h1, h2, h3');

    // The visible countdown changes every second, so it must not be live. Screen readers
    // get a separate polite live region that is only written to when the minute changes.
    this.countdown?.setAttribute('aria-live', 'off');
    this.liveRegion = document.createElement('p');
    this.liveRegion.className = 'govuk-visually-hidden';
    this.liveRegion.setAttribute('aria-live', 'polite');
    this.liveRegion.setAttribute('aria-atomic', 'true');
    dialog.append(this.liveRegion);

    this.startedAt = 0;
    /** @type {'idle' | 'warning' | 'extending' | 'signing-out'} */
    this.state = 'idle';
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {string | undefined} */
    this.lastAnnounced = undefined;
    /** @type {Element | null} */
    this.returnFocusTo = null;

    this.extendButton?.addEventListener('click', () => this.extend());
    // Escape means "stay signed in". Browsers may close the dialog without a cancellable
    // `cancel` event (e.g. repeated Escape), so an unexpected `close` is treated the same.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.extend();
    });
    dialog.addEventListener('close', () => {
      if (this.state === 'warning' && !dialog.open) {
        this.extend();
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.check();
      }
    });
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY || !event.newValue) {
        return;
      }
      const at = Number(event.newValue);
      if (Number.isFinite(at) && at > this.startedAt && this.state !== 'signing-out') {
        this.start(Math.min(at, Date.now()), false);
      }
    });

    // The page has just been served, so the server-side idle clock has just been reset.
    this.start(Date.now(), true);
  }

  /**
   * (Re)starts the idle clock from `at`.
   *
   * @param {number} at - epoch milliseconds of the last server activity
   * @param {boolean} share - tell other tabs
   */
  start(at, share) {
    this.startedAt = at;
    this.lastAnnounced = undefined;
    this.liveRegion.textContent = '';
    if (this.dialog.open) {
      this.state = 'idle';
      this.dialog.close();
      this.restoreFocus();
    }
    this.state = 'idle';
    if (this.extendButton) {
      this.extendButton.disabled = false;
    }
    if (share) {
      try {
        window.localStorage.setItem(STORAGE_KEY, String(at));
      } catch {
        // Storage disabled or full: tabs just won't share activity.
      }
    }
    this.check();
  }

  /** Re-evaluates the state against the clock and schedules the next check. */
  check() {
    clearTimeout(this.timer);
    if (this.state === 'signing-out' || this.state === 'extending') {
      return;
    }
    const remaining = this.startedAt + this.idleMs - Date.now();
    if (remaining <= 0) {
      this.signOut();
      return;
    }
    if (remaining > this.warningMs) {
      this.timer = setTimeout(() => this.check(), remaining - this.warningMs);
      return;
    }
    if (this.state === 'idle') {
      this.open();
    }
    this.render(remaining);
    // Wake on the next whole second of the countdown.
    this.timer = setTimeout(() => this.check(), remaining % 1000 || 1000);
  }

  open() {
    this.state = 'warning';
    this.returnFocusTo = document.activeElement;
    this.dialog.showModal();
    const target = this.heading ?? this.extendButton;
    if (target) {
      if (target === this.heading) {
        target.setAttribute('tabindex', '-1');
      }
      target.focus();
    }
  }

  /**
   * @param {number} remainingMs
   */
  render(remainingMs) {
    const seconds = Math.ceil(remainingMs / 1000);
    const text = this.message(seconds);
    if (this.countdown && this.countdown.textContent !== text) {
      this.countdown.textContent = text;
    }
    // Announce at most once a minute: on each whole-minute change, but not on the first
    // render (opening the dialog already reads its description, countdown included).
    const minuteText = this.message(Math.ceil(seconds / 60) * 60);
    if (this.lastAnnounced === undefined) {
      this.lastAnnounced = minuteText;
    } else if (minuteText !== this.lastAnnounced) {
      this.lastAnnounced = minuteText;
      this.liveRegion.textContent = minuteText;
    }
  }

  /**
   * @param {number} seconds
   * @returns {string}
   */
  message(seconds) {
    const data = this.countdown?.dataset ?? {};
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      const template = minutes === 1 && data.templateMinute ? data.templateMinute : data.templateMinutes;
      return fill(template ?? '%s minutes', minutes);
    }
    const template = seconds === 1 && data.templateSecond ? data.templateSecond : data.templateSeconds;
    return fill(template ?? '%s seconds', seconds);
  }

  async extend() {
    if (this.state !== 'warning') {
      return;
    }
    this.state = 'extending';
    const startedAt = this.startedAt;
    clearTimeout(this.timer);
    if (this.extendButton) {
      this.extendButton.disabled = true;
    }
    const controller = new AbortController();
    const abort = setTimeout(() => controller.abort(), EXTEND_TIMEOUT_MS);
    let ok = false;
    try {
      const response = await fetch(this.extendUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${encodeURIComponent(this.csrfToken)}`,
        credentials: 'same-origin',
        signal: controller.signal,
      });
      // A redirect (e.g. to the sign-in page) means the session had already gone.
      ok = response.ok && !response.redirected;
    } catch {
      ok = false;
    } finally {
      clearTimeout(abort);
    }
    if (ok) {
      this.start(Date.now(), true);
    } else if (this.startedAt === startedAt) {
      this.signOut();
    }
    // Otherwise another tab extended the session meanwhile and start() has already run.
  }

  restoreFocus() {
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target instanceof HTMLElement && target.isConnected && target !== document.body) {
      target.focus();
      return;
    }
    // Nothing had focus before the dialog: return to the start of the page's content.
    const main = document.getElementById('main-content');
    if (main) {
      if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
      main.focus();
    }
  }

  signOut() {
    if (this.state === 'signing-out') {
      return;
    }
    this.state = 'signing-out';
    clearTimeout(this.timer);
    window.location.assign(this.signOutUrl);
  }
}
