// Lint: typescript-eslint's recommended rules, and the layers' import boundaries (the per-layer
// tsconfigs keep each layer's platform types apart; these rules keep its imports apart).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Files in `files` may not import from the folders named (type-only imports allowed where said). */
function boundary(files, folders, message, allowTypeImports = false) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: folders.map((f) => `**/${f}/**`), message, allowTypeImports }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  { files: ['tools/**', 'local/**', 'test/**', '*.js', '*.ts'], languageOptions: { globals: globals.node } },
  boundary(
    ['src/core/**'],
    ['server', 'client', 'shared', 'local'],
    'src/core is pure: it calls no service, draws no page, and is what the other layers build on.',
  ),
  boundary(['src/shared/**'], ['server', 'client', 'local'], 'src/shared holds the JSON types both sides of google.script.run use; it depends on core only.'),
  boundary(['src/server/**'], ['client', 'local'], 'Server code runs in Apps Script: no page code, no local tools.'),
  boundary(
    ['src/client/**'],
    ['server', 'local'],
    'Pages reach the server only through google.script.run (a type-only import of its entry points is fine).',
    true,
  ),
);
