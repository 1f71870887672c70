import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

/** Role names (domain/access/roles) as selector patterns: staff roles anywhere, citizen roles where compared with `.role`. */
const staffRoleNames = '/^(convenor|grid_worker|supervisor|town_officer|city_officer|admin)$/';
const citizenRoleNames = '/^(resident|member)$/';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'web/dist/**',
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
);
