// Draft autosave (the contact log entry form).
//
// Progressive enhancement: the form works without JavaScript ("Save draft" and "Record" post
// it, and every post saves the draft). With JavaScript, this module also posts the draft in
// the background every 20 seconds when it has changed, and when the page is left:
//
//   <form method="post" action="/cases/C/contacts/E" data-autosave-url="/cases/C/contacts/E/autosave"
//         data-autosave-stale="…" data-autosave-failed="…">
//     <input type="hidden" name="_csrf" …> <input type="hidden" name="_formToken" …>
//     <input type="hidden" name="version" value="3"> …
//   </form>
//   <p data-autosave-status aria-live="polite" role="status"></p>
//
// A new entry's form has data-autosave-create="true" and data-autosave-url pointing at the
// form's own address: the first autosave creates the draft and answers with its addresses,
// a new one-time form token and its version, which this module puts into the form.
//
// The server answers JSON: { entryId, version, message, formAction, autosaveUrl, formToken? },
// or { error: { code, message } }. A draft saved meanwhile in another tab answers 409
// STALE_VERSION: nothing is overwritten, autosave stops and the page says so.

const INTERVAL_MS = 20000;
/** Fields that are not the draft's content (they change without the person typing). */
const META_FIELDS = new Set(['_csrf', '_formToken', 'version', 'action']);

/**
 * @param {HTMLFormElement} form
 * @returns {string}
 */
function contentOf(form) {
  const parts = [];
  for (const [name, value] of new FormData(form)) {
    if (!META_FIELDS.has(name) && typeof value === 'string') parts.push(`${name}=${value}`);
  }
  return parts.join('\u0000');
}

/**
 * Resolves a URL and refuses anything that is not same-origin (no external requests).
 * @param {string | undefined} value
 * @returns {string | null}
 */
function sameOrigin(value) {
  if (!value) return null;
  try {
    const url = new URL(value, window.location.href);
    return url.origin === window.location.origin ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

/**
 * @param {HTMLFormElement} form
 */
function enhance(form) {
  let url = sameOrigin(form.dataset.autosaveUrl);
  if (!url) return;
  let creating = form.dataset.autosaveCreate === 'true';
  const status = document.querySelector('[data-autosave-status]');
  const versionInput = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="version"]'));
  const tokenInput = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="_formToken"]'));
  let lastSaved = contentOf(form);
  /** @type {Promise<void> | null} */
  let inFlight = null;
  let stopped = false;
  let submitting = false;

  /** @param {string | undefined} text @param {boolean} [problem] */
  const say = (text, problem = false) => {
    if (!status || !text) return;
    status.textContent = text;
    status.classList.toggle('govuk-error-message', problem);
  };

  /** @param {{ keepalive?: boolean }} [options] */
  const save = (options = {}) => {
    if (stopped || submitting || inFlight || !url) return inFlight;
    const content = contentOf(form);
    if (content === lastSaved) return null;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (name !== 'action' && typeof value === 'string') body.append(name, value);
    }
    body.set('action', 'autosave');
    inFlight = fetch(url, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      keepalive: Boolean(options.keepalive),
    })
      .then(async (response) => {
        const json = await response.json().catch(() => null);
        if (response.ok && json && typeof json.version === 'number') {
          lastSaved = content;
          if (versionInput) versionInput.value = String(json.version);
          if (tokenInput && typeof json.formToken === 'string') tokenInput.value = json.formToken;
          if (creating) {
            const action = sameOrigin(json.formAction);
            const next = sameOrigin(json.autosaveUrl);
            if (action && next) {
              form.action = action;
              url = next;
              creating = false;
              // Reloading the page now opens the draft rather than a new, empty form.
              window.history.replaceState(null, '', action);
            }
          }
          say(json.message);
          return;
        }
        if (response.status === 409 && json?.error?.code === 'STALE_VERSION') {
          stopped = true;
          say(form.dataset.autosaveStale, true);
          return;
        }
        if (response.status === 401 || response.status === 403 || response.status === 404) stopped = true;
        say(form.dataset.autosaveFailed, true);
      })
      .catch(() => say(form.dataset.autosaveFailed, true))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  window.setInterval(() => save(), INTERVAL_MS);
  // Leaving the page (closing the tab, following a link, the tab hidden): save what is there.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save({ keepalive: true });
  });
  window.addEventListener('pagehide', () => save({ keepalive: true }));

  // A submit during a background save waits for it, so the post carries the new version
  // (and, on a new entry, goes to the draft the save created).
  form.addEventListener('submit', (event) => {
    if (inFlight) {
      event.preventDefault();
      const submitter = /** @type {SubmitEvent} */ (event).submitter;
      inFlight.finally(() => form.requestSubmit(/** @type {HTMLElement | null} */ (submitter) ?? undefined));
      return;
    }
    submitting = true;
  });
}

for (const form of document.querySelectorAll('form[data-autosave-url]')) {
  enhance(/** @type {HTMLFormElement} */ (form));
}
