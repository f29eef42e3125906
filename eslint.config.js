import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/api/drizzle/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'Focused tests silence the rest of the suite.',
        },
        {
          selector: "JSXAttribute[name.name='type'][value.value='date']",
          message:
            "Use DateField from '@civic/shared/web/date-field': a native date input shows the browser's locale (US format on a Finnish page), not the page's language.",
        },
      ],
    },
  },
  {
    files: ['packages/staff-web/**/*.{ts,tsx}', 'packages/provider-portal/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['packages/*/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'hds-react',
              importNames: ['Notification'],
              message:
                "Use Notification from '@civic/shared/web/notification': HDS drops the role of an inline one, so it is never announced.",
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is validated once in config.ts; nothing else reads the environment.
    files: ['packages/api/src/**/*.ts'],
    ignores: ['packages/api/src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from config.ts.' },
      ],
    },
  },
);
