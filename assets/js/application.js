// Childvoice browser entry point. Bundled by scripts/build-assets.ts into one ES module,
// loaded with <script type="module" src="/javascripts/application.<hash>.js">.
import { initAll as initMojFrontend } from '@ministryofjustice/frontend';
import { createAll, initAll as initGovukFrontend } from 'govuk-frontend';
import { TimeoutWarning } from './timeout-warning.js';
import './autosave.js';

// GOV.UK Frontend only initialises components when <body> has `govuk-frontend-supported`.
// The layout should add it (and `js-enabled`) from a nonced inline script as early as possible,
// as the GOV.UK template does; if it didn't, we can add it here: a browser that runs this
// module script supports ES modules, which is exactly what that class signals.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

initGovukFrontend();
initMojFrontend();
createAll(TimeoutWarning);
