/**
 * Module boundaries of ARCHITECTURE.md, enforced on every `npm run lint`:
 *  - platform/ imports no module;
 *  - a module reaches another module only through its service.ts (schemas may reference
 *    another module's tables for foreign keys);
 *  - production code never imports a test helper.
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'platform/ is cross-cutting: it must not depend on any bounded context.',
      from: { path: '^src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(modules|demo)/|^src/(app|main|navigation)\\.ts$' },
    },
    {
      name: 'modules-talk-through-service',
      severity: 'error',
      comment: 'Another module is reached only through its service.ts (schemas may reference its tables).',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(service|schema)\\.ts$'],
      },
    },
    {
      name: 'only-schemas-reference-other-schemas',
      severity: 'error',
      comment: 'A foreign-key reference to another module’s table is the one import allowed besides its service.',
      from: { path: '^src/modules/([^/]+)/(?!schema\\.ts$)', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/[^/]+/schema\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'routes-and-app-reach-modules-through-service',
      severity: 'error',
      from: { path: '^src/(app|main|navigation)\\.ts$|^src/demo/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/(service|routes)\\.ts$' },
    },
    {
      name: 'no-test-helpers-in-production',
      severity: 'error',
      from: { path: '^(src|scripts)/', pathNot: ['\\.test\\.ts$', '^scripts/run-tests\\.ts$'] },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|public|\\.data)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
