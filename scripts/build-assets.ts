// Builds the browser assets into public/ (git-ignored):
//
//   public/stylesheets/application.<hash>.css       assets/scss/application.scss (Sass, compressed)
//   public/javascripts/application.<hash>.js(.map)  assets/js/application.js (esbuild, one ES module)
//   public/assets/                                  govuk-frontend (fonts, images, manifest.json)
//                                                   + MOJ Frontend images
//   public/manifest.json                            {"application.css": "/stylesheets/…", "application.js": "/javascripts/…"}
//   public/.build-stamp                             hash of the inputs, to skip unchanged builds
//
//   node scripts/build-assets.ts [--force]
//
// <hash> is the first 10 hex characters of the SHA-256 of the file's content.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Logger as SassLogger } from 'sass';

export interface BuildAssetsOptions {
  /** Repository root: where assets/ and node_modules/ are. Defaults to this repo. */
  root?: string;
  /** Output directory. Defaults to `<root>/public`. */
  outDir?: string;
  /** Build even if the stamp says nothing changed. */
  force?: boolean;
  /** Where the one-line summary goes. Defaults to console.log. */
  log?: (line: string) => void;
}

/** Logical name -> public URL path. */
export type AssetManifest = Record<'application.css' | 'application.js', string>;

export interface BuildAssetsResult {
  skipped: boolean;
  manifest: AssetManifest;
  durationMs: number;
}

interface BuildStamp {
  inputs: string;
  /** Output files, relative to outDir, that must exist for the stamp to be trusted. */
  outputs: string[];
}

const DEFAULT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const HASHED_OUTPUT = /^application\.[0-9a-f]{10}\.(?:css|js|js\.map)$/;
const SCRIPT_FILE = fileURLToPath(import.meta.url);

export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 10);
}

export async function buildAssets(options: BuildAssetsOptions = {}): Promise<BuildAssetsResult> {
  const started = performance.now();
  const root = options.root ?? DEFAULT_ROOT;
  const outDir = options.outDir ?? join(root, 'public');
  const log = options.log ?? console.log;
  const stampFile = join(outDir, '.build-stamp');
  const manifestFile = join(outDir, 'manifest.json');

  const inputs = await hashInputs(root);
  if (!options.force) {
    const manifest = await upToDate(outDir, stampFile, manifestFile, inputs);
    if (manifest) {
      const durationMs = performance.now() - started;
      log(`Assets up to date (${displayPath(root, outDir)}), skipped build in ${Math.round(durationMs)}ms`);
      return { skipped: true, manifest, durationMs };
    }
  }

  // A failed build must never leave a stamp that matches.
  await rm(stampFile, { force: true });
  await mkdir(join(outDir, 'stylesheets'), { recursive: true });
  await mkdir(join(outDir, 'javascripts'), { recursive: true });

  const [css, js] = await Promise.all([compileStyles(root), bundleScripts(root, outDir)]);
  const cssName = `application.${contentHash(css)}.css`;
  const jsHash = contentHash(js.code);
  const jsName = `application.${jsHash}.js`;
  const mapName = `${jsName}.map`;

  await Promise.all([
    writeFile(join(outDir, 'stylesheets', cssName), css),
    writeFile(join(outDir, 'javascripts', jsName), `${js.code}//# sourceMappingURL=${mapName}\n`),
    writeFile(join(outDir, 'javascripts', mapName), js.map),
    copyStaticAssets(root, outDir),
  ]);

  const manifest: AssetManifest = {
    'application.css': `/stylesheets/${cssName}`,
    'application.js': `/javascripts/${jsName}`,
  };
  await writeAtomically(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  await Promise.all([
    removeStale(join(outDir, 'stylesheets'), [cssName]),
    removeStale(join(outDir, 'javascripts'), [jsName, mapName]),
  ]);

  const outputs = [
    'manifest.json',
    `stylesheets/${cssName}`,
    `javascripts/${jsName}`,
    `javascripts/${mapName}`,
    ...(await listFiles(join(outDir, 'assets'))).map((file) => `assets/${file}`),
  ];
  const stamp: BuildStamp = { inputs, outputs };
  await writeAtomically(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);

  const durationMs = performance.now() - started;
  log(
    `Built assets in ${(durationMs / 1000).toFixed(2)}s: ${cssName} (${kb(css.length)}), ${jsName} (${kb(js.code.length)}), ` +
      `${outputs.length - 4} static files -> ${displayPath(root, outDir)}`,
  );
  return { skipped: false, manifest, durationMs };
}

/** Everything that can change the output: our sources, the design system versions, the tool versions, this script. */
async function hashInputs(root: string): Promise<string> {
  const hash = createHash('sha256');
  const add = (label: string, content: string | Uint8Array): void => {
    hash.update(`${label}\0${content.length}\0`);
    hash.update(content);
    hash.update('\0');
  };
  const assetsDir = join(root, 'assets');
  for (const file of await listFiles(assetsDir)) {
    add(`assets/${file}`, await readFile(join(assetsDir, file)));
  }
  for (const pkg of ['govuk-frontend', '@ministryofjustice/frontend', 'sass', 'esbuild']) {
    add(`version:${pkg}`, await packageVersion(root, pkg));
  }
  add('script', await readFile(SCRIPT_FILE));
  return hash.digest('hex');
}

async function packageVersion(root: string, name: string): Promise<string> {
  const pkg: unknown = JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8'));
  const version = (pkg as { version?: unknown }).version;
  if (typeof version !== 'string') {
    throw new Error(`${name}/package.json has no version`);
  }
  return version;
}

/** Returns the current manifest if the stamp matches the inputs and every output still exists. */
async function upToDate(
  outDir: string,
  stampFile: string,
  manifestFile: string,
  inputs: string,
): Promise<AssetManifest | undefined> {
  try {
    const stamp = JSON.parse(await readFile(stampFile, 'utf8')) as Partial<BuildStamp>;
    if (stamp.inputs !== inputs || !Array.isArray(stamp.outputs)) {
      return undefined;
    }
    if (!stamp.outputs.every((file) => typeof file === 'string' && existsSync(join(outDir, file)))) {
      return undefined;
    }
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Partial<AssetManifest>;
    const css = manifest['application.css'];
    const js = manifest['application.js'];
    if (typeof css !== 'string' || typeof js !== 'string') {
      return undefined;
    }
    if (!existsSync(join(outDir, css)) || !existsSync(join(outDir, js))) {
      return undefined;
    }
    return { 'application.css': css, 'application.js': js };
  } catch {
    return undefined;
  }
}

// sass and esbuild are imported on demand: loading them costs more than the whole up-to-date check.
async function compileStyles(root: string): Promise<string> {
  const sass = await import('sass');
  const result = await sass.compileAsync(join(root, 'assets', 'scss', 'application.scss'), {
    style: 'compressed',
    // `<root>` is needed because MOJ Frontend loads GOV.UK Frontend as "node_modules/govuk-frontend/…".
    loadPaths: [join(root, 'node_modules'), root],
    quietDeps: true,
    logger: dependencyQuietLogger,
  });
  return result.css;
}

/**
 * `quietDeps` silences compiler deprecation warnings from dependencies, but not their `@warn`
 * rules: GOV.UK Frontend warns when MOJ Frontend calls its deprecated mixins. Drop a warning when
 * the code that triggered it is in node_modules, i.e. the innermost frame outside node_modules only
 * loaded a dependency (`@use`/`@forward`) rather than calling something. Warnings our own Sass
 * causes are still printed.
 */
const dependencyQuietLogger: SassLogger = {
  warn(message, options) {
    if (options.deprecation || !fromDependency(options.stack)) {
      const where = options.span ? ` (${options.span.url?.pathname ?? '?'}:${options.span.start.line + 1})` : '';
      const stack = options.stack ? `\n${options.stack.trimEnd().replace(/^/gm, '    ')}` : '';
      console.warn(`Sass warning: ${message}${where}${stack}`);
    }
  },
  debug(message, options) {
    console.warn(`Sass debug: ${message} (${options.span.url?.pathname ?? '?'}:${options.span.start.line + 1})`);
  },
};

function fromDependency(stack: string | undefined): boolean {
  if (!stack) {
    return false;
  }
  const frames = stack
    .split('\n')
    .map((line) => /^(.*?)\s+\d+:\d+\s+(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, file, member]) => ({ file: file ?? '', member: (member ?? '').trim() }));
  const isDependency = (file: string): boolean => /(^|[/\\])node_modules[/\\]/.test(file);
  const firstOwn = frames.findIndex((frame) => !isDependency(frame.file));
  if (firstOwn <= 0) {
    return firstOwn === -1 && frames.length > 0;
  }
  const caller = frames[firstOwn - 1];
  return caller !== undefined && /^@(use|forward|import)\b/.test(caller.member);
}

async function bundleScripts(root: string, outDir: string): Promise<{ code: string; map: string }> {
  const { build } = await import('esbuild');
  const outfile = join(outDir, 'javascripts', 'application.js');
  const result = await build({
    entryPoints: [join(root, 'assets', 'js', 'application.js')],
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    // The hashed name is only known after bundling, so the sourceMappingURL comment is added by hand.
    sourcemap: 'external',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outfile,
    logLevel: 'silent',
  });
  for (const warning of result.warnings) {
    console.warn(`esbuild warning: ${warning.text}${warning.location ? ` (${warning.location.file})` : ''}`);
  }
  const code = result.outputFiles.find((file) => file.path === outfile)?.text;
  const map = result.outputFiles.find((file) => file.path === `${outfile}.map`)?.text;
  if (code === undefined || map === undefined) {
    throw new Error('esbuild produced no bundle');
  }
  return { code, map };
}

/** Replaces public/assets with GOV.UK Frontend's assets plus MOJ Frontend's images. */
async function copyStaticAssets(root: string, outDir: string): Promise<void> {
  const target = join(outDir, 'assets');
  await rm(target, { recursive: true, force: true });
  await cp(join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets'), target, { recursive: true });
  // MOJ Frontend's CSS refers to its icons under $moj-images-path (/assets/images/). Where a file
  // name exists in both packages, GOV.UK Frontend's copy is kept.
  await cp(
    join(root, 'node_modules', '@ministryofjustice', 'frontend', 'moj', 'assets', 'images'),
    join(target, 'images'),
    {
      recursive: true,
      force: false,
      errorOnExist: false,
    },
  );
}

async function removeStale(dir: string, keep: string[]): Promise<void> {
  for (const name of await readdir(dir)) {
    if (HASHED_OUTPUT.test(name) && !keep.includes(name)) {
      await rm(join(dir, name), { force: true });
    }
  }
}

/** Files under dir (recursively), as sorted '/'-separated relative paths. Missing dir = no files. */
async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) {
    return [];
  }
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { force: { type: 'boolean', default: false } },
    strict: true,
  });
  await buildAssets({ force: values.force });
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
