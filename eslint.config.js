import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import noStatusLiterals from './eslint/no-status-literals.js';

/** Role names (domain/access/roles) as selector patterns: staff roles anywhere, citizen roles where compared with `.role`. */
const staffRoleNames = '/^(convenor|grid_worker|supervisor|town_officer|city_officer|admin)$/';
const citizenRoleNames = '/^(resident|member)$/';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'web/dist/**',
      'build/**',
      'server/migrations/**',
      '.dependency-cruiser.cjs',
      'screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // vue-tsc checks names in SFCs, browser globals included.
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // The web never decides by role: menus and pickers follow the abilities the session carries.
    files: ['web/src/**/*.ts', 'web/src/**/*.vue'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=${staffRoleNames}]`,
          message: 'The web does not list roles: use the abilities the session carries (session.isAble).',
        },
        {
          selector: `BinaryExpression:has(MemberExpression[property.name='role']) > Literal[value=${citizenRoleNames}]`,
          message: 'The web does not test roles: use the abilities the session carries (session.isAble).',
        },
        {
          selector: "CallExpression[callee.property.name='includes'][arguments.0.property.name='role']",
          message: 'The web does not test roles: use the abilities the session carries (session.isAble).',
        },
      ],
    },
  },
  {
    // Statuses are declared once, in domain/ lifecycle tables; tests and their fixtures may spell them out.
    files: ['server/**/*.ts', 'web/src/**/*.{ts,vue}', 'contracts/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.test.ts', 'server/test/**'],
    plugins: { yishi: { rules: { 'no-status-literals': noStatusLiterals } } },
    rules: { 'yishi/no-status-literals': 'error' },
  },
  {
    // SQL lives in repositories: other server code composes repository functions (and may open a
    // transaction to pass along) but neither builds SQL nor calls the database itself.
    files: ['server/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      '**/*.repository.ts',
      'server/test/**',
      'server/db/**',
      'server/backup/**',
      'server/migrations/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'drizzle-orm',
                'drizzle-orm/*',
                '**/db/schema',
                '**/db/schema/*',
                '**/db/subtree',
                '**/db/lifecycle-sql',
              ],
              allowTypeImports: true,
              message: 'SQL lives in repositories (*.repository.ts): call a repository function instead.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute|query)$/]:matches([callee.object.name=/^(db|tx|trx|client|pool)$/], [callee.object.property.name=/^(db|pool)$/])',
          message: 'SQL lives in repositories (*.repository.ts): call a repository function instead.',
        },
        {
          selector:
            "MemberExpression[property.name='query']:matches([object.name=/^(db|tx|trx)$/], [object.property.name='db'])",
          message: 'SQL lives in repositories (*.repository.ts): call a repository function instead.',
        },
      ],
    },
  },
);
