/** Architecture rules: domain is pure, web never reaches into server, modules meet through index.ts. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds rules only: no server, web, database or node I/O',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: ['^server/', '^web/', '^scripts/', 'node_modules/(pg|drizzle-orm|fastify|exceljs|vue)'] },
    },
    {
      name: 'domain-no-io-builtins',
      severity: 'error',
      from: { path: '^domain/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|net|http|https|child_process|dgram|node:fs|node:net|node:http|node:child_process)$',
      },
    },
    {
      name: 'contracts-are-shared',
      comment: 'contracts/ holds the wire schemas server and web share: zod and domain only',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: ['^server/', '^web/', '^scripts/', 'node_modules/(pg|drizzle-orm|fastify|exceljs|vue)'] },
    },
    {
      name: 'seed-is-a-client',
      comment: 'the demo seed drives the modules; nothing but start-up, scripts and tests imports it',
      severity: 'error',
      from: { path: '^(server/(db|modules|plugins|http|jobs)|domain|contracts)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/seed/' },
    },
    { name: 'web-not-server', severity: 'error', from: { path: '^web/' }, to: { path: '^server/' } },
    {
      name: 'web-no-role-lists',
      comment: 'The web builds menus from the abilities the session carries, never from role lists.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^domain/access/roles\\.ts$' },
    },
    {
      name: 'modules-through-index',
      comment: 'a module imports another module only through its index.ts',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/([^/]+)/(?!index\\.ts$)', pathNot: ['^server/modules/$1/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['web/dist', 'data', 'build'] },
  },
};
