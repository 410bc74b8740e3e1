/** Dependencies point one way: apps → libs → workflows (docs/architecture.md). */
module.exports = {
  forbidden: [
    {
      name: 'workflow-is-pure',
      comment: 'A workflow definition imports neither the engine, nor any lib, nor an app, nor Nest or TypeORM.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: ['^libs/', '^apps/', 'node_modules/(@nestjs|typeorm|pg|bullmq|ioredis)/'] },
    },
    {
      name: 'lib-does-not-import-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'engine-knows-no-workflow',
      comment: 'The engine receives definitions from its registry; it knows only the contract in workflows/common.',
      severity: 'error',
      from: { path: '^libs/engine/' },
      to: { path: '^workflows/(?!common/)' },
    },
    {
      name: 'web-takes-only-types-from-the-server',
      comment:
        'The web application reaches the server through /api only: it takes the server shapes as types, erased at ' +
        'build, and the pure workflow functions (thresholds) that a form shows before sending.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/(?!web/)|libs/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      from: { path: '^(apps/(?!web/)|libs/|workflows/)' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'imports-resolve',
      comment: 'An alias that resolves nowhere would slip past the rules above (tsconfig.json lists the aliases).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
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
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'types'] },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
  },
};
