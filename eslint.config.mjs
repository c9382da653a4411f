import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.neo4j/', 'docs/', 'jest.config.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Scripts served to browsers by the widget pages.
    files: ['src/widgets/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, vis: 'readonly', TL: 'readonly' } },
  },
  {
    // The author's workbench is ES modules (it imports the YAML library's browser build).
    files: ['src/widgets/assets/author*.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
);
