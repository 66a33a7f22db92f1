import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { revealFilter } from './confidential.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** Template search paths: our layouts and partials, every module's views, then the design systems. */
export const TEMPLATE_PATHS = [
  root('src/platform/views/templates'),
  root('src/modules'),
  root('src/platform'),
  root('node_modules/govuk-frontend/dist'),
  root('node_modules/@ministryofjustice/frontend'),
];

export interface AssetManifest {
  css: string;
  js: string;
}

/** Hashed asset URLs written by scripts/build-assets.ts. */
export function loadAssetManifest(): AssetManifest {
  try {
    const manifest = JSON.parse(readFileSync(root('public/manifest.json'), 'utf8')) as Record<string, string>;
    return { css: manifest['application.css'] ?? '', js: manifest['application.js'] ?? '' };
  } catch {
    return { css: '', js: '' };
  }
}

export function createViewEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(TEMPLATE_PATHS, { noCache: options.watch ?? false });
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('reveal', revealFilter);
  return env;
}
