import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type BuildAssetsResult, buildAssets, contentHash } from './build-assets.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// A throwaway root: a copy of assets/ (so the test can change it) and a link to the real node_modules.
let root: string;
let outDir: string;
const lines: string[] = [];
const build = (force = false): Promise<BuildAssetsResult> =>
  buildAssets({ root, force, log: (line) => lines.push(line) });

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'childvoice-assets-'));
  outDir = join(root, 'public');
  await cp(join(repoRoot, 'assets'), join(root, 'assets'), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('builds hashed CSS and JS, a manifest, and the static assets the CSS refers to', async () => {
  const result = await build(true);
  assert.equal(result.skipped, false);
  assert.match(lines.at(-1) ?? '', /^Built assets in \d+\.\d\ds: /);

  const manifest: unknown = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest, result.manifest);
  assert.match(result.manifest['application.css'], /^\/stylesheets\/application\.[0-9a-f]{10}\.css$/);
  assert.match(result.manifest['application.js'], /^\/javascripts\/application\.[0-9a-f]{10}\.js$/);

  const css = await readFile(join(outDir, result.manifest['application.css']), 'utf8');
  assert.equal(result.manifest['application.css'], `/stylesheets/application.${contentHash(css)}.css`);
  for (const selector of [
    '.govuk-button',
    '.govuk-header',
    '.moj-timeline',
    '.app-confidential',
    '.app-timeout-dialog',
  ]) {
    assert.ok(css.includes(selector), `CSS has ${selector}`);
  }
  assert.ok(!css.includes('@import'), 'no @import left in the CSS');
  const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((match) => match[1] ?? '');
  assert.ok(
    urls.some((url) => /^\/assets\/fonts\/.+\.woff2$/.test(url)),
    'GDS Transport @font-face points at /assets/fonts/',
  );
  for (const url of urls.filter((u) => !u.startsWith('data:'))) {
    assert.match(url, /^\/assets\/(fonts|images)\//);
    assert.ok(existsSync(join(outDir, url)), `${url} exists in the output`);
  }
  assert.ok(existsSync(join(outDir, 'assets', 'manifest.json')), 'GOV.UK web app manifest copied');
  assert.ok(existsSync(join(outDir, 'assets', 'images', 'favicon.ico')), 'GOV.UK images copied');

  const jsPath = join(outDir, result.manifest['application.js']);
  const js = await readFile(jsPath, 'utf8');
  const jsName = result.manifest['application.js'].split('/').at(-1);
  assert.ok(js.endsWith(`//# sourceMappingURL=${jsName}.map\n`));
  assert.ok(js.includes('app-timeout-warning'), 'timeout warning is bundled');
  assert.doesNotMatch(js, /^\s*import[\s{*]/m, 'no unresolved imports left in the bundle');
  const map = JSON.parse(await readFile(`${jsPath}.map`, 'utf8')) as { sources: string[] };
  assert.ok(map.sources.some((source) => source.endsWith('assets/js/timeout-warning.js')));
});

test('skips when nothing changed, rebuilds and removes stale outputs when an input changes', async () => {
  const first = await build();
  const second = await build();
  assert.equal(second.skipped, true);
  assert.deepEqual(second.manifest, first.manifest);
  assert.match(lines.at(-1) ?? '', /^Assets up to date/);

  const stale = join(outDir, 'stylesheets', 'application.0123456789.css');
  await writeFile(stale, '');
  await appendFile(join(root, 'assets', 'scss', '_app.scss'), '\n.app-build-test { color: red; }\n');
  const third = await build();
  assert.equal(third.skipped, false);
  assert.notEqual(third.manifest['application.css'], first.manifest['application.css']);
  assert.equal(third.manifest['application.js'], first.manifest['application.js']);
  assert.ok(!existsSync(join(outDir, first.manifest['application.css'])), 'previous CSS removed');
  assert.ok(!existsSync(stale), 'stale hashed file removed');
  assert.ok(existsSync(join(outDir, third.manifest['application.css'])));

  // A missing output invalidates the stamp.
  await rm(join(outDir, 'assets', 'fonts'), { recursive: true });
  assert.equal((await build()).skipped, false);
  assert.ok(existsSync(join(outDir, 'assets', 'fonts')));
});
